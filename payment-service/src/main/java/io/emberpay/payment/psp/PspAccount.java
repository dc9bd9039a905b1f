package io.emberpay.payment.psp;

/**
 * Whose account at the acquirer a call is made under: a connector with per-merchant
 * credentials picks them by merchant and mode, so a test-mode payment can never move live
 * money.
 */
public record PspAccount(String merchantId, boolean livemode) {

	public String mode() {
		return this.livemode ? "live" : "test";
	}

}
