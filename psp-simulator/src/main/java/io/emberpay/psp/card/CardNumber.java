package io.emberpay.psp.card;

import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;

/**
 * A primary account number that passed the Luhn check. It lives only for the duration of
 * one authorization call; {@link #toString()} shows the last four digits only.
 */
public final class CardNumber {

	private final String digits;

	private CardNumber(String digits) {
		this.digits = digits;
	}

	/** Accepts 12 to 19 digits with a valid Luhn check digit, else a 400 answer. */
	public static CardNumber parse(String number) {
		if (number == null || number.length() < 12 || number.length() > 19
				|| !number.chars().allMatch(Character::isDigit) || !passesLuhn(number)) {
			throw new PspException(PspError.INVALID_CARD_NUMBER, "the card number is not a valid card number");
		}
		return new CardNumber(number);
	}

	static boolean passesLuhn(String digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (doubled) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	public String last4() {
		return this.digits.substring(this.digits.length() - 4);
	}

	/** The card network, from the leading digits; "unknown" when no rule matches. */
	public String brand() {
		int two = Integer.parseInt(this.digits.substring(0, 2));
		int four = Integer.parseInt(this.digits.substring(0, 4));
		if (this.digits.charAt(0) == '4') {
			return "visa";
		}
		if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
			return "mastercard";
		}
		if (two == 34 || two == 37) {
			return "amex";
		}
		if (four == 6011 || two == 65) {
			return "discover";
		}
		return "unknown";
	}

	/** Package-private on purpose: only the issuer may see the full number. */
	String digits() {
		return this.digits;
	}

	@Override
	public String toString() {
		return "CardNumber[**** " + last4() + "]";
	}

}
