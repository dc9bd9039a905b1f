package io.emberpay.psp.authorization;

import io.emberpay.psp.Acquirer;

/**
 * A payment on the card that is always disputed was captured: its cardholder will dispute
 * it shortly, as Stripe's {@code 4000000000000259} does.
 */
public record DisputedCardCaptured(Acquirer acquirer, String authorizationId) {
}
