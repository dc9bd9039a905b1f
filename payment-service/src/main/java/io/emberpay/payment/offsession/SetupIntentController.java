package io.emberpay.payment.offsession;

import java.time.Instant;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/setup_intents}: a user lets a merchant charge a saved payment method later,
 * off-session, and can take that back.
 */
@RestController
class SetupIntentController {

	private final SetupIntents intents;

	SetupIntentController(SetupIntents intents) {
		this.intents = intents;
	}

	@PostMapping("/v1/setup_intents")
	@ResponseStatus(HttpStatus.CREATED)
	View create(Caller caller, @Valid @RequestBody SetupIntentRequest request) {
		return View.of(this.intents.create(user(caller), caller.livemode(), request));
	}

	@GetMapping("/v1/setup_intents/{id}")
	View get(Caller caller, @PathVariable String id) {
		return this.intents.find(user(caller), id)
			.map(View::of)
			.orElseThrow(() -> ApiException.notFound("setup intent", id));
	}

	@PostMapping("/v1/setup_intents/{id}/cancel")
	View cancel(Caller caller, @PathVariable String id) {
		return this.intents.cancel(user(caller), id)
			.map(View::of)
			.orElseThrow(() -> ApiException.notFound("setup intent", id));
	}

	private static String user(Caller caller) {
		if (!caller.isUser()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only the user can give or withdraw an off-session consent");
		}
		return caller.id();
	}

	record View(String id, String object, String customer, String merchant, String paymentMethod, String usage,
			String status, boolean livemode, Instant created, Instant canceledAt) {

		static View of(SetupIntents.SetupIntent intent) {
			return new View(intent.id(), "setup_intent", intent.user(), intent.merchant(), intent.paymentMethod(),
					intent.usage(), intent.status(), intent.livemode(), intent.created(), intent.canceledAt());
		}

	}

}
