package io.emberpay.ledger.fx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A mid-market rate: {@code rate} units of {@code to} for one unit of {@code from}, both
 * in major units, as quoted for {@code day}.
 */
public record ExchangeRate(String from, String to, BigDecimal rate, LocalDate day) {

	public ExchangeRate {
		Objects.requireNonNull(rate, "rate");
		if (rate.signum() <= 0) {
			throw new IllegalArgumentException("an exchange rate is positive, was " + rate);
		}
	}

}
