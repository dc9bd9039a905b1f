package io.emberpay.auth.merchant;

import io.emberpay.starter.security.InternalCallers;
import io.emberpay.auth.AuthError;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.auth.token.AccessTokens;
import io.emberpay.starter.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What the gateway and other services ask about merchants (docs/contracts.md). */
@RestController
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class InternalMerchantController {

	private final ApiKeys keys;

	private final Merchants merchants;

	private final AccessTokens tokens;

	private final AuthProperties.Tokens settings;

	InternalMerchantController(ApiKeys keys, Merchants merchants, AccessTokens tokens, AuthProperties properties) {
		this.keys = keys;
		this.merchants = merchants;
		this.tokens = tokens;
		this.settings = properties.tokens();
	}

	@InternalCallers("gateway")
	@PostMapping("/internal/v1/api_keys/verify")
	@Operation(summary = "Exchange a merchant's secret key for a short-lived merchant JWT",
			description = "401 invalid_api_key for an unknown, revoked or expired key, a suspended merchant, or a "
					+ "live key of a merchant whose live mode is not approved.")
	Verified verify(@Valid @RequestBody VerifyRequest request) {
		ApiKeys.ActiveKey key = this.keys.find(request.apiKey())
			.filter(ApiKeys.ActiveKey::merchantActive)
			.filter(k -> k.mode() != ApiKeys.Mode.LIVE || k.liveEnabled())
			.orElseThrow(() -> new ApiException(AuthError.INVALID_API_KEY, "The API key is not valid"));
		boolean livemode = key.mode() == ApiKeys.Mode.LIVE;
		return new Verified(key.merchantId(), key.id(), livemode,
				this.tokens.forMerchant(key.merchantId(), livemode, this.settings.merchantTtl()),
				this.settings.merchantTtl().toSeconds(), key.apiVersion());
	}

	@InternalCallers("payment-service")
	@GetMapping("/internal/v1/merchants/{id}")
	@Operation(summary = "A merchant's status and whether live mode is approved")
	InternalMerchant merchant(@PathVariable String id) {
		return this.merchants.byId(id)
			.map(m -> new InternalMerchant(m.id(), m.name(), m.email(), m.status(), m.liveEnabled()))
			.orElseThrow(() -> ApiException.notFound("merchant", id));
	}

	/**
	 * Anything a client could put in its Authorization header (16 KiB at most) is a
	 * credential to refuse with 401, never a malformed request: the gateway maps only 401
	 * to "invalid key".
	 */
	record VerifyRequest(@NotNull @Size(max = 16384) String apiKey) {
	}

	/**
	 * {@code apiVersion}: the merchant's pinned API version, which the gateway applies to
	 * a request naming none; absent for a merchant without one.
	 */
	record Verified(String merchant, String keyId, boolean livemode, String accessToken, long expiresIn,
			String apiVersion) {
	}

	record InternalMerchant(String id, String name, String email, String status, boolean liveEnabled) {
	}

}
