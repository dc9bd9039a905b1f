package io.emberpay.subscription.store;

import java.time.Clock;
import java.util.UUID;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/app_account_tokens} {@code {"merchant"}}: the token the user's app sets
 * on an App Store or Google Play purchase, so the store's notifications reach this user.
 * The same user and merchant always get the same token.
 */
@RestController
class AppAccountTokenController {

	private final AppAccountTokens tokens;

	private final Clock clock;

	AppAccountTokenController(AppAccountTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@PostMapping("/v1/app_account_tokens")
	TokenView token(Caller caller, @Valid @RequestBody TokenRequest request) {
		if (!caller.isUser()) {
			throw new ApiException(CommonError.FORBIDDEN, "App account tokens are a user's");
		}
		UUID token = this.tokens.tokenFor(request.merchant(), caller.id(), this.clock.instant());
		return new TokenView("app_account_token", request.merchant(), token.toString());
	}

	record TokenRequest(@NotBlank @Size(max = 64) String merchant) {
	}

	record TokenView(String object, String merchant, String token) {
	}

}
