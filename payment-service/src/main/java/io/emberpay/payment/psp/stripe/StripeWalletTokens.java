package io.emberpay.payment.psp.stripe;

import java.util.Optional;

import io.emberpay.payment.vault.WalletSecret;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Stripe token inside a wallet's payment token, if the wallet made one. Stripe takes
 * a wallet payment as a card PaymentMethod with {@code card[token]}: a Google Pay
 * {@code paymentMethodData} tokenized with {@code gateway: stripe} carries that token (a
 * Stripe Token object, as JSON, in {@code tokenizationData.token}). An Apple Pay
 * {@code PKPaymentToken}, or a Google Pay token encrypted for another gateway, holds
 * none: Stripe's public API has no way to take one, so such a wallet is not sent to
 * Stripe.
 */
final class StripeWalletTokens {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private StripeWalletTokens() {
	}

	static Optional<String> stripeToken(WalletSecret wallet) {
		if (!"google_pay".equals(wallet.type()) || wallet.token() == null) {
			return Optional.empty();
		}
		try {
			JsonNode data = JSON.readTree(wallet.token());
			JsonNode tokenization = data.path("tokenizationData");
			if (!"PAYMENT_GATEWAY".equals(tokenization.path("type").asString(""))) {
				return Optional.empty();
			}
			JsonNode token = JSON.readTree(tokenization.path("token").asString("{}"));
			String id = token.path("id").asString("");
			return id.matches("tok_[A-Za-z0-9]{1,255}") ? Optional.of(id) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

}
