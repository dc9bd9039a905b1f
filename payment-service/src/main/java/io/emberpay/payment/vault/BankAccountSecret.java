package io.emberpay.payment.vault;

/**
 * A decrypted bank account on its way to the acquirer, in a holder whose {@code toString}
 * redacts the number.
 */
public record BankAccountSecret(String kind, String country, String routingNumber, String accountNumber) {

	@Override
	public String toString() {
		return "BankAccountSecret[" + this.kind + ", " + this.country + ", redacted]";
	}

}
