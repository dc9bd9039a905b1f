package io.emberpay.payment.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.internal.InternalApiClient;
import io.emberpay.starter.problem.ApiException;

import org.springframework.stereotype.Component;

/**
 * Answers whether a merchant may take payments, from auth-service, trusting an answer for
 * a short while. When auth-service is down the payment is refused with a 503: we never
 * take money for a merchant we could not check.
 */
@Component
public class MerchantDirectory {

	private static final String AUTH_SERVICE = "auth-service";

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final InternalApiClient client;

	private final AuthServiceProperties properties;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	MerchantDirectory(InternalApiClient client, AuthServiceProperties properties, Clock clock) {
		this.client = client;
		this.properties = properties;
		this.clock = clock;
	}

	/** The merchant, if it exists and is active in the caller's mode; else a 4xx/503. */
	public Merchant requireActive(String merchantId, boolean livemode) {
		if (merchantId == null || !merchantId.matches("mer_[0-9a-z_]{1,60}")) {
			throw new ApiException(PaymentError.MERCHANT_UNKNOWN, "merchant must be a mer_ id", "merchant");
		}
		Merchant merchant = lookup(merchantId);
		if (merchant == null) {
			throw new ApiException(PaymentError.MERCHANT_UNKNOWN, "No such merchant: '" + merchantId + "'", "merchant");
		}
		if (!"active".equals(merchant.status()) || (livemode && !merchant.liveEnabled())) {
			throw new ApiException(PaymentError.MERCHANT_INACTIVE,
					"Merchant '" + merchantId + "' cannot accept payments now", "merchant");
		}
		return merchant;
	}

	private Merchant lookup(String merchantId) {
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(merchantId);
		if (cached != null && cached.expiresAt().isAfter(now)) {
			return cached.merchant();
		}
		InternalApiClient.Reply reply;
		try {
			reply = this.client.get(AUTH_SERVICE, this.properties.url() + "/internal/v1/merchants/" + merchantId,
					this.properties.timeout());
		}
		catch (InternalApiClient.Unreachable ex) {
			throw unavailable();
		}
		if (reply.status() == 404) {
			return null;
		}
		if (reply.status() != 200 || reply.json() == null) {
			throw unavailable();
		}
		Merchant merchant = new Merchant(reply.text("id"), reply.text("status"),
				reply.json().path("live_enabled").asBoolean(false));
		if (this.cache.size() >= this.properties.merchantCacheSize()) {
			this.cache.clear();
		}
		this.cache.put(merchantId, new Cached(merchant, now.plus(this.properties.merchantCacheTtl())));
		return merchant;
	}

	private static ApiException unavailable() {
		return new ApiException(PaymentError.AUTH_SERVICE_UNAVAILABLE,
				"Could not verify the merchant right now; retry with the same Idempotency-Key", null, RETRY_AFTER);
	}

	public record Merchant(String id, String status, boolean liveEnabled) {
	}

	private record Cached(Merchant merchant, Instant expiresAt) {
	}

}
