package io.emberpay.payment.vault;

/**
 * A card's number (and, for its first authorization only, its CVC) decrypted for the one
 * acquirer call that needs it. Never serialised by the platform except into that call;
 * {@code toString} reveals nothing.
 */
public final class CardSecret {

	private final String number;

	private final int expMonth;

	private final int expYear;

	private final String cvc;

	CardSecret(String number, int expMonth, int expYear, String cvc) {
		this.number = number;
		this.expMonth = expMonth;
		this.expYear = expYear;
		this.cvc = cvc;
	}

	public String number() {
		return this.number;
	}

	public int expMonth() {
		return this.expMonth;
	}

	public int expYear() {
		return this.expYear;
	}

	/** The CVC, or {@code null} after the first authorization. */
	public String cvc() {
		return this.cvc;
	}

	@Override
	public String toString() {
		return "CardSecret[redacted]";
	}

}
