package io.emberpay.console.view;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Amounts as people read them: minor units moved by the currency's own number of decimals
 * (JPY none, KWD three) and written in the viewer's locale. A raw minor-unit number is
 * never shown. Used by the templates as {@code @money}.
 */
@Component("money")
public class MoneyFormat {

	/** {@code 1999, "USD"} as {@code $19.99} for an English-speaking viewer. */
	public String format(Object amountMinor, Object currency) {
		if (!(amountMinor instanceof Number amount) || !(currency instanceof String code)) {
			return "—";
		}
		Optional<Currency> known = currency(code);
		if (known.isEmpty()) {
			return amount + " (" + code + " minor units)";
		}
		int digits = Math.max(known.get().getDefaultFractionDigits(), 0);
		NumberFormat format = NumberFormat.getCurrencyInstance(LocaleContextHolder.getLocale());
		format.setCurrency(known.get());
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		format.setRoundingMode(RoundingMode.UNNECESSARY);
		return format.format(BigDecimal.valueOf(amount.longValue()).movePointLeft(digits));
	}

	/** The amount in major units as a form shows it for editing: {@code 19.99}. */
	public String plain(Object amountMinor, Object currency) {
		if (!(amountMinor instanceof Number amount) || !(currency instanceof String code)) {
			return "";
		}
		int digits = currency(code).map(Currency::getDefaultFractionDigits).orElse(0);
		return BigDecimal.valueOf(amount.longValue()).movePointLeft(Math.max(digits, 0)).toPlainString();
	}

	/**
	 * What a person typed ({@code 19.99}) in minor units of the currency, or empty when
	 * it is not a positive amount with at most the currency's decimals.
	 */
	public static Optional<Long> toMinor(String typed, String currency) {
		if (typed == null || typed.isBlank() || typed.length() > 32) {
			return Optional.empty();
		}
		Optional<Currency> known = currency(currency);
		if (known.isEmpty()) {
			return Optional.empty();
		}
		try {
			BigDecimal major = new BigDecimal(typed.strip().replace(",", ""));
			BigDecimal minor = major.movePointRight(Math.max(known.get().getDefaultFractionDigits(), 0));
			if (minor.signum() <= 0 || minor.stripTrailingZeros().scale() > 0) {
				return Optional.empty();
			}
			return Optional.of(minor.longValueExact());
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Currency> currency(String code) {
		if (code == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(Currency.getInstance(code.toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
