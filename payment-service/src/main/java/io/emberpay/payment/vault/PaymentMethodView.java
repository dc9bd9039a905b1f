package io.emberpay.payment.vault;

import java.time.Instant;

/**
 * A payment method as the API shows it: never the number, the CVC, the IBAN or the
 * wallet's token; one of {@code card}, {@code apple_pay}, {@code google_pay},
 * {@code sepa_debit}, {@code us_bank_account} (named by {@code type}), and a bank debit's
 * {@code mandate}.
 */
record PaymentMethodView(String id, String object, String type, Card card, WalletCard applePay, WalletCard googlePay,
		DebitAccount sepaDebit, DebitAccount usBankAccount, Mandate mandate, Instant created) {

	static PaymentMethodView of(VaultedCard card) {
		return switch (card.type()) {
			case "apple_pay" -> new PaymentMethodView(card.id(), "payment_method", card.type(), null,
					new WalletCard(card.brand(), card.last4()), null, null, null, null, card.created());
			case "google_pay" -> new PaymentMethodView(card.id(), "payment_method", card.type(), null, null,
					new WalletCard(card.brand(), card.last4()), null, null, null, card.created());
			case "sepa_debit" -> new PaymentMethodView(card.id(), "payment_method", card.type(), null, null, null,
					new DebitAccount(card.last4(), card.bankName(), card.country()), null, Mandate.of(card.mandate()),
					card.created());
			case "us_bank_account" -> new PaymentMethodView(card.id(), "payment_method", card.type(), null, null, null,
					null, new DebitAccount(card.last4(), card.bankName(), card.country()), Mandate.of(card.mandate()),
					card.created());
			default -> new PaymentMethodView(card.id(), "payment_method", "card",
					new Card(card.brand(), card.last4(), card.expMonth(), card.expYear(), card.fingerprint()), null,
					null, null, null, null, card.created());
		};
	}

	record Card(String brand, String last4, int expMonth, int expYear, String fingerprint) {
	}

	/** The card inside the wallet, for display. */
	record WalletCard(String brand, String last4) {
	}

	record DebitAccount(String last4, String bankName, String country) {
	}

	record Mandate(String reference, Instant acceptedAt, String ip, String userAgent) {

		static Mandate of(VaultedCard.Mandate mandate) {
			return (mandate == null) ? null
					: new Mandate(mandate.reference(), mandate.acceptedAt(), mandate.ip(), mandate.userAgent());
		}

	}

}
