package io.emberpay.auth.merchant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.emberpay.auth.AuthError;
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
 * A merchant manages its own keys. A test-mode credential can only touch test keys:
 * whoever holds a test key must not be able to reach live money.
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

	@GetMapping("/v1/api_keys")
	@Operation(summary = "The calling merchant's keys (never the secrets)")
	ListPage<ApiKeys.KeyView> list(@Parameter(hidden = true) Caller caller) {
		return ListPage.of(this.keys.list(merchant(caller)), 100, key -> key);
	}

	@PostMapping("/v1/api_keys")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create another key", description = "Live keys need live mode approved and a live key "
			+ "as the credential. The secret is shown only in this answer.")
	CreatedKey create(@Parameter(hidden = true) Caller caller, @Valid @RequestBody KeyRequest request) {
		String merchantId = merchant(caller);
		ApiKeys.Mode mode = ApiKeys.Mode.of(request.mode());
		return this.transactions.execute(status -> {
			requireMayManage(caller, mode);
			return CreatedKey.of(this.keys.issue(merchantId, mode, null));
		});
	}

	@PostMapping("/v1/api_keys/{id}/revoke")
	@Operation(summary = "Revoke a key at once")
	ApiKeys.KeyView revoke(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
		String merchantId = merchant(caller);
		return this.transactions.execute(status -> {
			ApiKeys.KeyView key = owned(merchantId, id);
			requireMayManage(caller, ApiKeys.Mode.of(key.mode()));
			this.keys.expire(key, merchantId, this.clock.instant(), "revoked", null);
			return this.keys.lock(merchantId, id).orElseThrow();
		});
	}

	@PostMapping("/v1/api_keys/{id}/roll")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Roll a key: a new key now, the old one stops after expires_in_seconds (default 3600)")
	CreatedKey roll(@Parameter(hidden = true) Caller caller, @PathVariable String id,
			@Valid @RequestBody(required = false) RollRequest request) {
		String merchantId = merchant(caller);
		Duration grace = (request == null || request.expiresInSeconds() == null) ? DEFAULT_ROLL_GRACE
				: Duration.ofSeconds(request.expiresInSeconds());
		return this.transactions.execute(status -> {
			ApiKeys.KeyView key = owned(merchantId, id);
			if (key.revokedAt() != null) {
				throw new ApiException(CommonError.STATE_CONFLICT, "The key is revoked", "id");
			}
			ApiKeys.Mode mode = ApiKeys.Mode.of(key.mode());
			requireMayManage(caller, mode);
			this.keys.expire(key, merchantId, this.clock.instant().plus(grace), "rolled", null);
			return CreatedKey.of(this.keys.issue(merchantId, mode, null));
		});
	}

	private ApiKeys.KeyView owned(String merchantId, String id) {
		return this.keys.lock(merchantId, id).orElseThrow(() -> ApiException.notFound("api_key", id));
	}

	private void requireMayManage(Caller caller, ApiKeys.Mode mode) {
		if (mode != ApiKeys.Mode.LIVE) {
			return;
		}
		if (!caller.livemode()) {
			throw new ApiException(AuthError.LIVE_KEY_REQUIRED, "Use a live key to manage live keys", "mode");
		}
		boolean enabled = this.merchants.byId(caller.id()).map(Merchants.Merchant::liveEnabled).orElse(false);
		if (!enabled) {
			throw new ApiException(AuthError.LIVE_MODE_NOT_ENABLED, "Live mode is not approved", "mode");
		}
	}

	private static String merchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only merchants manage API keys");
		}
		return caller.id();
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
