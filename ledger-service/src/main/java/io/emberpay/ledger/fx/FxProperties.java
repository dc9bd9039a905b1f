package io.emberpay.ledger.fx;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Currency conversion: the platform's margin on the mid-market rate in basis points
 * ({@code margin-bps}, 100 = 1 %), the bundled daily rate table ({@code rates}, a
 * resource location) used when no other {@link RateSource} is configured, and whether a
 * merchant that chose no settlement currency settles in its first payment's
 * ({@code settle-in-first-currency}; by default it keeps a balance in each currency it is
 * paid in, as before settlement currencies existed).
 */
@Validated
@ConfigurationProperties("emberpay.ledger.fx")
public record FxProperties(@Min(0) @Max(2_000) Integer marginBps, @NotBlank String rates,
		boolean settleInFirstCurrency) {

	public FxProperties {
		if (marginBps == null) {
			marginBps = 100;
		}
		if (rates == null) {
			rates = "classpath:fx/rates.csv";
		}
	}

}
