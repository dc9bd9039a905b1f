package io.emberpay.auth.account;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The calling user erasing their own account; nobody else's. */
@RestController
@Tag(name = "Users", description = "The calling user and their devices")
class ErasureController {

	private final AccountErasure erasure;

	ErasureController(AccountErasure erasure) {
		this.erasure = erasure;
	}

	@DeleteMapping("/v1/users/me")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Erase the calling user",
			description = "Needs the current password (a wrong one is a failed login: 401 invalid_credentials, "
					+ "throttled and locked like the login). Answers 202: the account stops at once (every session "
					+ "ends, later logins fail) and every service deletes or irreversibly pseudonymises the user's "
					+ "personal data as it consumes user.erasure_requested; the ledger, which never held personal "
					+ "data, stays balanced and verifiable.")
	void erase(@Parameter(hidden = true) Caller caller, @Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@Valid @RequestBody ErasureRequest request) {
		if (caller.isMerchant()) {
			throw ApiException.notFound("user", caller.id());
		}
		this.erasure.erase(caller.id(), jwt.getClaimAsString("sid"), request.password());
	}

	record ErasureRequest(@NotBlank @Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "ErasureRequest[password hidden]";
		}

	}

}
