package io.emberpay.payment.vault;

import java.util.List;
import java.util.Locale;

/**
 * Card networks the vault accepts, recognised by their issuer identification number
 * ranges, with the number lengths and CVC length each network issues.
 */
public enum CardBrand {

	AMEX(List.of(15), 4, new int[][] { { 34, 34 }, { 37, 37 } }),
	VISA(List.of(13, 16, 19), 3, new int[][] { { 4, 4 } }),
	MASTERCARD(List.of(16), 3, new int[][] { { 51, 55 }, { 2221, 2720 } }),
	DISCOVER(List.of(16, 19), 3, new int[][] { { 6011, 6011 }, { 644, 649 }, { 65, 65 } }),
	JCB(List.of(16, 17, 18, 19), 3, new int[][] { { 3528, 3589 } }),
	DINERS(List.of(14, 16, 19), 3, new int[][] { { 300, 305 }, { 36, 36 }, { 38, 39 } }),
	UNIONPAY(List.of(16, 17, 18, 19), 3, new int[][] { { 62, 62 } });

	private final List<Integer> lengths;

	private final int cvcLength;

	private final int[][] prefixRanges;

	CardBrand(List<Integer> lengths, int cvcLength, int[][] prefixRanges) {
		this.lengths = lengths;
		this.cvcLength = cvcLength;
		this.prefixRanges = prefixRanges;
	}

	/** The brand whose ranges include the number's leading digits, or {@code null}. */
	static CardBrand detect(String digits) {
		for (CardBrand brand : values()) {
			for (int[] range : brand.prefixRanges) {
				int width = Integer.toString(range[0]).length();
				if (digits.length() >= width) {
					int prefix = Integer.parseInt(digits.substring(0, width));
					if (prefix >= range[0] && prefix <= range[1]) {
						return brand;
					}
				}
			}
		}
		return null;
	}

	boolean issuesLength(int length) {
		return this.lengths.contains(length);
	}

	int cvcLength() {
		return this.cvcLength;
	}

	/** The API's lower-case name, e.g. {@code visa}. */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
