package io.emberpay.payment.vault;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.problem.ApiException;

/**
 * A primary account number that passed the checks: digits only, a known brand, a length
 * that brand issues, and the Luhn checksum. Its {@code toString} never reveals the
 * digits, so it cannot leak into a log line or an exception message by accident.
 */
final class CardNumber {

	private final String digits;

	private final CardBrand brand;

	private CardNumber(String digits, CardBrand brand) {
		this.digits = digits;
		this.brand = brand;
	}

	static CardNumber parse(String raw) {
		if (raw == null || raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
			throw invalid("card number must be 12 to 19 digits");
		}
		CardBrand brand = CardBrand.detect(raw);
		if (brand == null) {
			throw invalid("card number does not belong to a supported card network");
		}
		if (!brand.issuesLength(raw.length())) {
			throw invalid("card number has the wrong length for a " + brand.apiName() + " card");
		}
		if (!passesLuhn(raw)) {
			throw invalid("card number fails its check digit");
		}
		return new CardNumber(raw, brand);
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

	private static ApiException invalid(String detail) {
		return new ApiException(PaymentError.INVALID_CARD_NUMBER, detail, "card.number");
	}

	String digits() {
		return this.digits;
	}

	CardBrand brand() {
		return this.brand;
	}

	String last4() {
		return this.digits.substring(this.digits.length() - 4);
	}

	String bin() {
		return this.digits.substring(0, 6);
	}

	@Override
	public String toString() {
		return this.brand.apiName() + " ending " + last4();
	}

}
