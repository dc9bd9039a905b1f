package io.emberpay.auth.merchant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.emberpay.auth.AuthError;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's keys, managed by the merchant itself or by an operator. A test-mode
 * credential only ever touches test keys: whoever holds a test key must not reach live
 * money. Another merchant's keys answer 404.
 */
@RestController
@Tag(name = "API keys", description = "A merchant's secret keys: list, create, roll, revoke")
class ApiKeyController {

	private static final Duration DEFAULT_ROLL_GRACE = Duration.ofHours(1);

	private final ApiKeys keys;

	private final Merchants merchants;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ApiKeyController(ApiKeys keys, Merchants merchants, TransactionTemplate transactions, Clock clock) {
		this.keys = keys;
		this.merchants = merchants;
		this.transactions = transactions;
		this.clock = clock;
	}

	@GetMapping("/v1/merchants/{merchant}/api_keys")
	@Operation(summary = "A merchant's keys (never the secrets)")
	ListPage<ApiKeys.KeyView> list(@Parameter(hidden = true) Caller caller, @PathVariable String merchant) {
		accessible(caller, merchant);
		return ListPage.of(this.keys.list(merchant), ApiKeys.MAX_LISTED, key -> key);
	}

	@PostMapping("/v1/merchants/{merchant}/api_keys")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create another key",
			description = "Test keys: the merchant with any key. Live keys need live mode approved, and either an "
					+ "operator (the first live key) or the merchant calling with a live key. The secret is shown "
					+ "only in this answer.")
	CreatedKey create(@Parameter(hidden = true) Caller caller, @PathVariable String merchant,
			@Valid @RequestBody KeyRequest request) {
		Merchants.Merchant owner = accessible(caller, merchant);
		ApiKeys.Mode mode = ApiKeys.Mode.of(request.mode());
		return this.transactions.execute(status -> {
			requireMayManage(caller, owner, mode);
			return CreatedKey.of(this.keys.issue(merchant, mode, actor(caller)));
		});
	}

	@PostMapping("/v1/merchants/{merchant}/api_keys/{id}/revoke")
	@Operation(summary = "Revoke a key at once")
	ApiKeys.KeyView revoke(@Parameter(hidden = true) Caller caller, @PathVariable String merchant,
			@PathVariable String id) {
		Merchants.Merchant owner = accessible(caller, merchant);
		return this.transactions.execute(status -> {
			ApiKeys.KeyView key = owned(merchant, id);
			requireMayManage(caller, owner, ApiKeys.Mode.of(key.mode()));
			this.keys.expire(key, merchant, this.clock.instant(), "revoked", actor(caller));
			return this.keys.lock(merchant, id).orElseThrow();
		});
	}

	@PostMapping("/v1/merchants/{merchant}/api_keys/{id}/roll")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Roll a key: a new key now, the old one stops after expires_in_seconds (default 3600)")
	CreatedKey roll(@Parameter(hidden = true) Caller caller, @PathVariable String merchant, @PathVariable String id,
			@Valid @RequestBody(required = false) RollRequest request) {
		Merchants.Merchant owner = accessible(caller, merchant);
		Duration grace = (request == null || request.expiresInSeconds() == null) ? DEFAULT_ROLL_GRACE
				: Duration.ofSeconds(request.expiresInSeconds());
		return this.transactions.execute(status -> {
			ApiKeys.KeyView key = owned(merchant, id);
			if (key.revokedAt() != null) {
				throw new ApiException(CommonError.STATE_CONFLICT, "The key is revoked", "id");
			}
			ApiKeys.Mode mode = ApiKeys.Mode.of(key.mode());
			requireMayManage(caller, owner, mode);
			this.keys.expire(key, merchant, this.clock.instant().plus(grace), "rolled", actor(caller));
			return CreatedKey.of(this.keys.issue(merchant, mode, actor(caller)));
		});
	}

	/** The merchant, when the caller is that merchant or an operator; else 404. */
	private Merchants.Merchant accessible(Caller caller, String merchant) {
		boolean self = caller.isMerchant() && caller.id().equals(merchant);
		if (!self && !caller.isOperator()) {
			throw ApiException.notFound("merchant", merchant);
		}
		if (caller.isOperator()) {
			OperatorAccess.require(caller);
		}
		return this.merchants.byId(merchant).orElseThrow(() -> ApiException.notFound("merchant", merchant));
	}

	private ApiKeys.KeyView owned(String merchant, String id) {
		return this.keys.lock(merchant, id).orElseThrow(() -> ApiException.notFound("api_key", id));
	}

	private static void requireMayManage(Caller caller, Merchants.Merchant owner, ApiKeys.Mode mode) {
		if (mode != ApiKeys.Mode.LIVE) {
			return;
		}
		if (!owner.liveEnabled()) {
			throw new ApiException(AuthError.LIVE_MODE_NOT_ENABLED, "Live mode is not approved", "mode");
		}
		if (!caller.isOperator() && !caller.livemode()) {
			throw new ApiException(AuthError.LIVE_KEY_REQUIRED, "Use a live key to manage live keys", "mode");
		}
	}

	/**
	 * Recorded as the actor in the audit trail when an operator acts for the merchant.
	 */
	private static String actor(Caller caller) {
		return caller.isOperator() ? caller.id() : null;
	}

	record KeyRequest(@NotNull @Pattern(regexp = "test|live", message = "must be test or live") String mode) {
	}

	record RollRequest(@Schema(
			description = "How long the old key keeps working, 0 to 7 days") @Min(0) @Max(604800) Long expiresInSeconds) {
	}

	/** A newly issued key with its secret: the only time the secret is shown. */
	record CreatedKey(String id, String object, String mode, boolean livemode, String last4, Instant created,
			String secret) {

		static CreatedKey of(ApiKeys.IssuedKey issued) {
			ApiKeys.KeyView key = issued.key();
			return new CreatedKey(key.id(), "api_key", key.mode(), key.livemode(), key.last4(), key.created(),
					issued.secret());
		}

	}

}
