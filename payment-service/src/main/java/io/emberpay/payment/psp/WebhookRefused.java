package io.emberpay.payment.psp;

/**
 * Why an acquirer's webhook call was refused (Stripe's signature header, Adyen's item
 * HMAC, or a body that is not the provider's format); the message names no secret or
 * signature.
 */
public final class WebhookRefused extends RuntimeException {

	private final Reason reason;

	public WebhookRefused(Reason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	public enum Reason {

		UNSIGNED, MALFORMED, STALE, FORGED

	}

}
