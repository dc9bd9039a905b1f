package io.emberpay.starter.money;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

/**
 * An exact amount: a positive integer count of the currency's minor unit (cents for USD,
 * yen for JPY, fils for KWD) and an ISO 4217 currency. Never floating point.
 */
public record Money(long amountMinor, Currency currency) {

	/**
	 * ISO 4217 codes that are not money one can pay with: test, no-currency and precious
	 * metals.
	 */
	private static final Set<String> NOT_PAYABLE = Set.of("XTS", "XXX", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC",
			"XBD", "XDR", "XSU", "XUA");

	public Money {
		if (amountMinor <= 0) {
			throw new ApiException(CommonError.INVALID_AMOUNT, "amount must be a positive integer in minor units",
					"amount");
		}
	}

	public static Money of(long amountMinor, String currencyCode) {
		return new Money(amountMinor, currency(currencyCode));
	}

	/** Parses an upper-case ISO 4217 code, refusing anything else with a 400 problem. */
	public static Currency currency(String code) {
		if (code == null || !code.matches("[A-Z]{3}")) {
			throw new ApiException(CommonError.INVALID_CURRENCY,
					"currency must be an upper-case ISO 4217 code such as USD", "currency");
		}
		Currency currency;
		try {
			currency = Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			currency = null;
		}
		if (currency == null || currency.getDefaultFractionDigits() < 0 || NOT_PAYABLE.contains(code)) {
			throw new ApiException(CommonError.INVALID_CURRENCY, "'" + code + "' is not an ISO 4217 currency",
					"currency");
		}
		return currency;
	}

	/** Digits after the decimal point of the minor unit: JPY 0, USD 2, KWD 3. */
	public int minorUnitDigits() {
		return this.currency.getDefaultFractionDigits();
	}

	public String currencyCode() {
		return this.currency.getCurrencyCode();
	}

	@Override
	public String toString() {
		int digits = minorUnitDigits();
		String plain = java.math.BigDecimal.valueOf(this.amountMinor, digits).toPlainString();
		return plain + " " + currencyCode().toUpperCase(Locale.ROOT);
	}

}
