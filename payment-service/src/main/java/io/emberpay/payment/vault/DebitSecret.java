package io.emberpay.payment.vault;

import java.time.Instant;

/**
 * A bank account decrypted for the one acquirer call that debits it, with the mandate the
 * holder accepted; {@code toString} redacts the number.
 */
public record DebitSecret(String type, String country, String routingNumber, String accountNumber,
		String accountHolderName, String accountHolderType, String mandateReference, Instant mandateAcceptedAt) {

	@Override
	public String toString() {
		return "DebitSecret[" + this.type + ", " + this.country + ", redacted]";
	}

}
