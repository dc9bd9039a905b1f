package io.emberpay.payment.vault;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

import io.emberpay.starter.problem.ApiException;

/**
 * A validated bank account number: an IBAN (ISO 13616: the country's length and the
 * mod-97 check digits) or a US ACH routing number (ABA checksum) with an account number.
 * {@code toString} shows the last four digits only, so a number cannot leak through a log
 * line or an exception message.
 */
public final class BankAccountNumber {

	/** IBAN lengths by country (ISO 13616 registry, the SEPA area and common others). */
	private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(Map.entry("AD", 24), Map.entry("AE", 23),
			Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("CH", 21), Map.entry("CY", 28),
			Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20), Map.entry("ES", 24),
			Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GI", 23), Map.entry("GR", 27),
			Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IS", 26), Map.entry("IT", 27),
			Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27),
			Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25),
			Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27));

	private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

	private final Kind kind;

	private final String country;

	private final String routingNumber;

	private final String accountNumber;

	private BankAccountNumber(Kind kind, String country, String routingNumber, String accountNumber) {
		this.kind = kind;
		this.country = country;
		this.routingNumber = routingNumber;
		this.accountNumber = accountNumber;
	}

	public enum Kind {

		IBAN, US_ACH

	}

	/**
	 * Parses an IBAN, spaces allowed, any case; {@code param} names the field in errors.
	 */
	public static BankAccountNumber iban(String value, String param) {
		if (value == null || value.length() > 42) {
			throw ApiException.invalid(param, "iban must be an IBAN such as DE89 3704 0044 0532 0130 00");
		}
		String compact = value.replace(" ", "").toUpperCase(Locale.ROOT);
		if (!compact.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}")) {
			throw ApiException.invalid(param, "iban must be a country code, two check digits and the account");
		}
		String country = compact.substring(0, 2);
		Integer length = IBAN_LENGTHS.get(country);
		if (length == null) {
			throw ApiException.invalid(param, "IBANs of " + country + " are not accepted");
		}
		if (compact.length() != length) {
			throw ApiException.invalid(param, "an IBAN of " + country + " has " + length + " characters");
		}
		if (!checkDigitsHold(compact)) {
			throw ApiException.invalid(param, "the IBAN's check digits do not match: a typo?");
		}
		return new BankAccountNumber(Kind.IBAN, country, null, compact);
	}

	/** Parses a US ACH routing number and account number. */
	public static BankAccountNumber usAch(String routingNumber, String accountNumber, String param) {
		if (routingNumber == null || !routingNumber.matches("[0-9]{9}") || !abaChecksumHolds(routingNumber)) {
			throw ApiException.invalid(param + ".routing_number",
					"routing_number must be a 9-digit ABA routing number with a valid checksum");
		}
		if (accountNumber == null || !accountNumber.matches("[0-9]{4,17}")) {
			throw ApiException.invalid(param + ".account_number", "account_number must be 4 to 17 digits");
		}
		return new BankAccountNumber(Kind.US_ACH, "US", routingNumber, accountNumber);
	}

	/**
	 * ISO 7064 mod 97-10: the first four characters move to the end, letters become 10 to
	 * 35, and the number must leave 1 when divided by 97.
	 */
	static boolean checkDigitsHold(String iban) {
		String rearranged = iban.substring(4) + iban.substring(0, 4);
		StringBuilder digits = new StringBuilder(rearranged.length() * 2);
		for (char c : rearranged.toCharArray()) {
			digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
		}
		return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
	}

	/**
	 * The ABA checksum: 3, 7 and 1 weights over the nine digits sum to a multiple of 10.
	 */
	static boolean abaChecksumHolds(String routing) {
		int[] weights = { 3, 7, 1, 3, 7, 1, 3, 7, 1 };
		int sum = 0;
		for (int i = 0; i < 9; i++) {
			sum += (routing.charAt(i) - '0') * weights[i];
		}
		return sum % 10 == 0;
	}

	public Kind kind() {
		return this.kind;
	}

	public String country() {
		return this.country;
	}

	/** The routing number (not secret: it names the bank), null for an IBAN. */
	public String routingNumber() {
		return this.routingNumber;
	}

	/** The full account number or IBAN: only for encryption and the acquirer call. */
	String secret() {
		return this.accountNumber;
	}

	public String last4() {
		return this.accountNumber.substring(this.accountNumber.length() - 4);
	}

	@Override
	public String toString() {
		return this.kind + " ****" + last4();
	}

}
