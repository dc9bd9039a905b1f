package io.emberpay.local;

/** Card numbers for tests and benchmarks that need many distinct cards. */
public final class TestCards {

	private TestCards() {
	}

	/**
	 * A distinct Luhn-valid Visa number per index (424242 and nine digits), so no card is
	 * shared between shoppers and card velocity sees what real traffic looks like. The
	 * simulator approves every number it does not list as a decline.
	 */
	public static String visa(int index) {
		String body = "424242" + String.format("%09d", index);
		int sum = 0;
		for (int i = 0; i < body.length(); i++) {
			int digit = body.charAt(body.length() - 1 - i) - '0';
			if (i % 2 == 0) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		return body + ((10 - sum % 10) % 10);
	}

}
