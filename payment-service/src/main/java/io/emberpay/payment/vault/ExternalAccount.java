package io.emberpay.payment.vault;

import java.time.Instant;

/**
 * What the platform may know about a merchant's vaulted bank account without decrypting
 * it: never the account number or IBAN, only its last four digits.
 */
public record ExternalAccount(String id, String merchantId, String kind, String country, String currency,
		String bankName, String last4, String routingNumber, String fingerprint, Instant created, Instant deleted) {

	public boolean isDeleted() {
		return this.deleted != null;
	}

}
