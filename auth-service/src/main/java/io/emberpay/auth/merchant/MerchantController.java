package io.emberpay.auth.merchant;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

import io.emberpay.auth.account.Emails;
import io.emberpay.auth.audit.RequestOrigin;
import io.emberpay.auth.audit.SecurityAudit;
import io.emberpay.auth.team.MerchantTeam;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Merchants", description = "Merchant sign-up, live-mode approval")
class MerchantController {

	private static final String API_VERSION = "Emberpay-Version";

	private static final Pattern API_VERSION_FORMAT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	private final Merchants merchants;

	private final ApiKeys keys;

	private final SecurityAudit audit;

	private final MerchantTeam team;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MerchantController(Merchants merchants, ApiKeys keys, SecurityAudit audit, MerchantTeam team,
			TransactionTemplate transactions, Clock clock) {
		this.merchants = merchants;
		this.keys = keys;
		this.audit = audit;
		this.team = team;
		this.transactions = transactions;
		this.clock = clock;
	}

	@SecurityRequirements
	@PostMapping("/v1/merchants")
	@Operation(summary = "Self-serve merchant sign-up in test mode",
			description = "Answers the merchant and its first secret test key (sk_test_...), shown only this once. "
					+ "Live mode needs an operator's approval. With a user's access token (optional), that user "
					+ "becomes the merchant's first admin.")
	@ApiResponse(responseCode = "201", description = "The merchant and its first secret key",
			useReturnTypeSchema = true)
	ResponseEntity<CreatedMerchant> create(@Valid @RequestBody MerchantRequest request,
			@Parameter(hidden = true) @RequestHeader(name = API_VERSION, required = false) String apiVersion,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt) {
		Instant now = this.clock.instant();
		String id = ResourceIds.next("mer");
		String email = Emails.normalize(request.email());
		ApiKeys.IssuedKey key = this.transactions.execute(status -> {
			this.merchants.insert(id, request.name().strip(), email, now);
			this.audit.record(new AuthEvent.MerchantCreated(ResourceIds.event(), now, id, request.name().strip(), email,
					RequestOrigin.current()), null, SecurityAudit.Outcome.SUCCESS);
			ApiKeys.IssuedKey first = this.keys.issue(id, ApiKeys.Mode.TEST, null);
			// the public path takes no credential, but a user's verified token makes them
			// the first admin
			if (jwt != null && jwt.getSubject() != null && jwt.getSubject().startsWith("usr_")) {
				this.team.addFirstAdmin(id, jwt.getSubject(), now);
			}
			// the gateway forwards the version the sign-up ran in; its first key pins it
			if (apiVersion != null && API_VERSION_FORMAT.matcher(apiVersion).matches()) {
				this.merchants.pinApiVersion(id, apiVersion);
			}
			return first;
		});
		return ResponseEntity.created(URI.create("/v1/merchants/" + id))
			.body(new CreatedMerchant(id, "merchant", request.name().strip(), email, false, key.key().id(),
					key.secret()));
	}

	@GetMapping("/v1/merchants/me")
	@Operation(summary = "The calling merchant itself",
			description = "Tells a merchant's key which merchant it belongs to (the console signs in with a key).")
	Merchants.Merchant me(@Parameter(hidden = true) Caller caller) {
		if (!caller.isMerchant()) {
			throw ApiException.notFound("merchant", "me");
		}
		return this.merchants.byId(caller.id()).orElseThrow(() -> ApiException.notFound("merchant", caller.id()));
	}

	@GetMapping("/v1/merchants/{id}")
	@Operation(summary = "A merchant: the merchant itself or an operator")
	Merchants.Merchant get(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
		if (!(caller.isOperator() || (caller.isMerchant() && caller.id().equals(id)))) {
			throw ApiException.notFound("merchant", id);
		}
		return this.merchants.byId(id).orElseThrow(() -> ApiException.notFound("merchant", id));
	}

	@PostMapping("/v1/merchants/{id}/live_approval")
	@Operation(summary = "Operator: approve live mode for a merchant",
			description = "Needs an operator token obtained with MFA. The first live key is then issued by an "
					+ "operator; later ones by the merchant with a live key.")
	Merchants.Merchant approveLive(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
		OperatorAccess.require(caller);
		return this.transactions.execute(status -> {
			this.merchants.byId(id).orElseThrow(() -> ApiException.notFound("merchant", id));
			if (this.merchants.approveLive(id, caller.id(), this.clock.instant())) {
				this.audit.record(
						new AuthEvent.ApiKeyChanged(ResourceIds.event(), this.clock.instant(), id, null, "live",
								"live_mode_approved", RequestOrigin.current()),
						caller.id(), SecurityAudit.Outcome.SUCCESS);
			}
			return this.merchants.byId(id).orElseThrow();
		});
	}

	@PostMapping("/v1/merchants/{id}/suspend")
	@Operation(summary = "Operator: suspend a merchant", description = "Its keys stop verifying at once (the gateway "
			+ "may serve a cached verification for up to 60 s).")
	Merchants.Merchant suspend(@Parameter(hidden = true) Caller caller, @PathVariable String id,
			@Valid @RequestBody(required = false) SuspendRequest request) {
		OperatorAccess.require(caller);
		return this.transactions.execute(status -> {
			this.merchants.byId(id).orElseThrow(() -> ApiException.notFound("merchant", id));
			if (this.merchants.suspend(id)) {
				this.audit.record(
						new AuthEvent.ApiKeyChanged(ResourceIds.event(), this.clock.instant(), id, null, null,
								"merchant_suspended", RequestOrigin.current()),
						caller.id(), SecurityAudit.Outcome.SUCCESS, (request == null) ? null : request.note());
			}
			return this.merchants.byId(id).orElseThrow();
		});
	}

	record MerchantRequest(@NotBlank @Size(max = 200) String name,
			@NotNull @Size(max = 254) @Email(regexp = Emails.PATTERN) String email) {
	}

	/** Why the operator suspends: kept in the security audit's detail only. */
	record SuspendRequest(@Size(max = 500) String reason) {

		String note() {
			return (this.reason == null || this.reason.isBlank()) ? null : this.reason.strip();
		}

	}

	record CreatedMerchant(String id, String object, String name, String email, boolean liveEnabled, String apiKeyId,
			String apiKey) {
	}

}
