package io.emberpay.payment.vault;

/**
 * A wallet's payment token decrypted for the one acquirer call that forwards it;
 * {@code toString} reveals nothing.
 */
public record WalletSecret(String type, String token) {

	@Override
	public String toString() {
		return "WalletSecret[" + this.type + ", redacted]";
	}

}
