package io.emberpay.payment.payment;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Payment rules that vary by merchant.
 *
 * @param amountLimits minimum and maximum amount in minor units, by merchant id (or
 * {@code default}) then ISO 4217 code; currencies not listed accept 1 to
 * {@code maxAmountMinor}
 * @param maxAmountMinor the platform's ceiling for any single payment
 */
@Validated
@ConfigurationProperties("emberpay.payments")
public record PaymentProperties(@NotNull Map<String, Map<String, @Valid AmountLimit>> amountLimits,
		@Min(1) long maxAmountMinor) {

	public AmountLimit limitFor(String merchantId, String currency) {
		Map<String, AmountLimit> merchant = this.amountLimits.get(merchantId);
		if (merchant != null && merchant.containsKey(currency)) {
			return merchant.get(currency);
		}
		Map<String, AmountLimit> defaults = this.amountLimits.get("default");
		if (defaults != null && defaults.containsKey(currency)) {
			return defaults.get(currency);
		}
		return new AmountLimit(1, this.maxAmountMinor);
	}

	public record AmountLimit(@Min(1) long min, @Min(1) long max) {
	}

}
