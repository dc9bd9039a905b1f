package io.emberpay.ledger.payment;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Platform fees: a default and per-merchant overrides, each a percentage in basis points
 * plus a fixed amount in the payment currency's minor units.
 */
@Validated
@ConfigurationProperties("emberpay.ledger.fees")
public record FeeProperties(Rate defaults, Map<String, Rate> merchants) {

	public FeeProperties {
		if (defaults == null) {
			defaults = new Rate(290, 30);
		}
		merchants = (merchants == null) ? Map.of() : Map.copyOf(merchants);
	}

	/** {@code percentBps} 290 is 2.9 %; {@code fixedMinor} 30 is 30 cents in USD. */
	public record Rate(@Min(0) @Max(10_000) int percentBps, @Min(0) long fixedMinor) {
	}

}
