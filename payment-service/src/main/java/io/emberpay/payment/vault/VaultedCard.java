package io.emberpay.payment.vault;

import java.time.Instant;
import java.util.Set;

/**
 * What the platform may know about a vaulted payment method without decrypting it: a
 * card, a wallet's card (brand and last4 from the token's display data) or a bank account
 * for debits (last4, bank, country, the mandate). {@code bin} and the expiry are absent
 * (null, 0) where the method has none.
 */
public record VaultedCard(String id, String userId, String brand, String last4, String bin, int expMonth, int expYear,
		String fingerprint, Instant created, String type, String bankName, String country, Mandate mandate) {

	private static final Set<String> BANK_DEBITS = Set.of("sepa_debit", "us_bank_account");

	private static final Set<String> WALLETS = Set.of("apple_pay", "google_pay");

	/** A card. */
	public VaultedCard(String id, String userId, String brand, String last4, String bin, int expMonth, int expYear,
			String fingerprint, Instant created) {
		this(id, userId, brand, last4, bin, expMonth, expYear, fingerprint, created, "card", null, null, null);
	}

	public VaultedCard {
		type = (type == null) ? "card" : type;
	}

	/** Debits settle days later, by the acquirer's webhook. */
	public boolean isBankDebit() {
		return BANK_DEBITS.contains(this.type);
	}

	public boolean isWallet() {
		return WALLETS.contains(this.type);
	}

	/**
	 * The debit mandate the account holder accepted: the reference the acquirer is given,
	 * and when, from where and with what the holder accepted it.
	 */
	public record Mandate(String reference, Instant acceptedAt, String ip, String userAgent) {
	}

}
