package io.emberpay.payment.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.emberpay.payment.PaymentError;
import io.emberpay.starter.internal.ServiceRefused;
import io.emberpay.starter.internal.ServiceUnreachable;
import io.emberpay.starter.problem.ApiException;

import org.springframework.stereotype.Component;

/**
 * Answers whether a merchant may take payments, from auth-service, trusting an answer for
 * a short while. When auth-service is down the payment is refused with a 503: we never
 * take money for a merchant we could not check.
 */
@Component
public class MerchantDirectory {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final AuthServiceApi auth;

	// bounded, expiring on the injected clock so tests can move time
	private final Cache<String, Merchant> cache;

	MerchantDirectory(AuthServiceApi auth, AuthServiceProperties properties, Clock clock) {
		this.auth = auth;
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.merchantCacheSize())
			.expireAfterWrite(properties.merchantCacheTtl())
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.build();
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
		Merchant cached = this.cache.getIfPresent(merchantId);
		if (cached != null) {
			return cached;
		}
		AuthServiceApi.MerchantRecord record;
		try {
			record = this.auth.merchant(merchantId);
		}
		catch (ServiceRefused ex) {
			if (ex.status() == 404) {
				return null;
			}
			throw unavailable();
		}
		catch (ServiceUnreachable ex) {
			throw unavailable();
		}
		if (record == null || record.id() == null) {
			throw unavailable();
		}
		Merchant merchant = new Merchant(record.id(), record.status(), record.liveEnabled());
		this.cache.put(merchantId, merchant);
		return merchant;
	}

	private static ApiException unavailable() {
		return new ApiException(PaymentError.AUTH_SERVICE_UNAVAILABLE,
				"Could not verify the merchant right now; retry with the same Idempotency-Key", null, RETRY_AFTER);
	}

	public record Merchant(String id, String status, boolean liveEnabled) {
	}

}
