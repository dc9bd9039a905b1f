package io.emberpay.payment.vault;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.JsonNode;

/**
 * {@code {"type": "card", "card": {...}}}, {@code {"type": "apple_pay" | "google_pay",
 * "<type>": {"token"}}}, {@code {"type": "sepa_debit", "sepa_debit": {...}, "mandate":
 * {...}}} or {@code {"type": "us_bank_account", "us_bank_account": {...}, "mandate":
 * {...}}}. The type is checked by the vault so that an unknown one is a 400 naming
 * {@code type}.
 */
record PaymentMethodRequest(@NotNull String type, @Valid NewCard card, WalletToken applePay, WalletToken googlePay,
		SepaDebit sepaDebit, UsBankAccount usBankAccount, MandateAcceptance mandate) {

	/**
	 * The card as the app sends it once; its own name keeps it apart in the API document
	 * from the saved card's view, which never carries number or CVC.
	 */
	record NewCard(@NotNull String number, @NotNull Integer expMonth, @NotNull Integer expYear, @NotNull String cvc) {

		@Override
		public String toString() {
			return "NewCard[redacted]";
		}

	}

	/**
	 * The wallet's payment token exactly as the app received it: Apple Pay's token object
	 * or Google Pay's token string (documented as any JSON value: a field annotation
	 * would add a default the Kotlin client generator cannot write).
	 */
	record WalletToken(JsonNode token) {

		@Override
		public String toString() {
			return "WalletToken[redacted]";
		}

	}

	record SepaDebit(String iban, String accountHolderName) {

		@Override
		public String toString() {
			return "SepaDebit[redacted]";
		}

	}

	record UsBankAccount(String routingNumber, String accountNumber, String accountHolderType) {

		@Override
		public String toString() {
			return "UsBankAccount[redacted]";
		}

	}

	/**
	 * When, from where and with what user agent the account holder accepted the mandate.
	 */
	record MandateAcceptance(String acceptedAt, String ip, String userAgent) {
	}

}
