package io.emberpay.payment.payment.authorization;

/**
 * Whether a user gave a merchant a consent, still live, to charge a payment method
 * without the user present.
 */
public interface OffSessionConsent {

	boolean isLive(String user, String merchant, String paymentMethod, boolean livemode);

}
