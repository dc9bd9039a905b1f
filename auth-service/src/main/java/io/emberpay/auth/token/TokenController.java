package io.emberpay.auth.token;

import java.time.Clock;

import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Auth", description = "Sign-up, login, tokens, MFA")
class TokenController {

	private final Sessions sessions;

	private final SigningKeys keys;

	private final SecurityAudit audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	TokenController(Sessions sessions, SigningKeys keys, SecurityAudit audit, TransactionTemplate transactions,
			Clock clock) {
		this.sessions = sessions;
		this.keys = keys;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	@SecurityRequirements
	@PostMapping("/v1/auth/token")
	@Operation(summary = "Exchange a refresh token for new tokens",
			description = "The refresh token is spent; presenting it again revokes its whole session.")
	TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
		return TokenResponse.of(this.sessions.refresh(request.refreshToken()));
	}

	@PostMapping("/v1/auth/logout")
	@Operation(summary = "End the session of this access token",
			description = "Every refresh token of the session is revoked.")
	@ApiResponse(responseCode = "204", description = "Logged out")
	ResponseEntity<Void> logout(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt) {
		String sessionId = jwt.getClaimAsString("sid");
		if (caller.isUser() || caller.isOperator()) {
			this.transactions.executeWithoutResult(status -> {
				if (sessionId != null && this.sessions.revoke(sessionId, caller.id(), "logout")) {
					this.audit.record(new AuthEvent.SessionRevoked(ResourceIds.event(), this.clock.instant(),
							caller.id(), sessionId, "logout", RequestOrigin.current()), null,
							SecurityAudit.Outcome.SUCCESS);
				}
			});
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/v1/auth/signing_keys/rotate")
	@Operation(summary = "Operator: rotate the token signing key",
			description = "The new key is published at once and signs after the configured activation delay; "
					+ "the previous key stays published until its tokens have expired.")
	@ApiResponse(responseCode = "202", description = "The new signing key, published before it signs",
			useReturnTypeSchema = true)
	ResponseEntity<SigningKeys.RotatedKey> rotate(@Parameter(hidden = true) Caller caller) {
		OperatorAccess.require(caller);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.keys.rotate());
	}

	record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
	}

}
