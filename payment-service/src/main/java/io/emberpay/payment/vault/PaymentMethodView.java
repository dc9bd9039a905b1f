package io.emberpay.payment.vault;

import java.time.Instant;

/** A payment method as the API shows it: never the number, never the CVC. */
record PaymentMethodView(String id, String object, String type, Card card, Instant created) {

	static PaymentMethodView of(VaultedCard card) {
		return new PaymentMethodView(card.id(), "payment_method", "card",
				new Card(card.brand(), card.last4(), card.expMonth(), card.expYear(), card.fingerprint()),
				card.created());
	}

	record Card(String brand, String last4, int expMonth, int expYear, String fingerprint) {
	}

}
