package io.emberpay.payment.psp.adyen;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.adyen.model.checkout.ApplePayDetails;
import com.adyen.model.checkout.CheckoutPaymentMethod;
import com.adyen.model.checkout.GooglePayDetails;
import io.emberpay.payment.vault.WalletSecret;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A wallet's token as Adyen's {@code paymentMethod}: Apple Pay's {@code applePayToken} is
 * the {@code PKPaymentToken}'s {@code paymentData}, stringified and Base64-encoded;
 * Google Pay's {@code googlePayToken} is {@code tokenizationData.token} as Google Pay
 * gave it. Adyen decrypts both; the platform never does. Exception messages name fields,
 * never values.
 */
final class AdyenWallets {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AdyenWallets() {
	}

	static CheckoutPaymentMethod paymentMethod(WalletSecret wallet) {
		JsonNode token;
		try {
			token = JSON.readTree(wallet.token());
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the " + wallet.type() + " token is not JSON");
		}
		return switch (wallet.type()) {
			case "apple_pay" -> {
				JsonNode paymentData = token.path("paymentData");
				if (!paymentData.isObject()) {
					throw new IllegalArgumentException("the apple_pay token has no paymentData");
				}
				String encoded = Base64.getEncoder()
					.encodeToString(JSON.writeValueAsString(paymentData).getBytes(StandardCharsets.UTF_8));
				yield new CheckoutPaymentMethod(
						new ApplePayDetails().type(ApplePayDetails.TypeEnum.APPLEPAY).applePayToken(encoded));
			}
			case "google_pay" -> {
				String inner = token.path("tokenizationData").path("token").asString("");
				if (inner.isEmpty() || inner.contains("\"object\":\"token\"")) {
					// a token Google Pay made for another gateway (Stripe) Adyen cannot
					// read
					throw new IllegalArgumentException("the google_pay token was not made for Adyen");
				}
				yield new CheckoutPaymentMethod(
						new GooglePayDetails().type(GooglePayDetails.TypeEnum.GOOGLEPAY).googlePayToken(inner));
			}
			default -> throw new IllegalArgumentException("Adyen takes no wallet of type " + wallet.type());
		};
	}

}
