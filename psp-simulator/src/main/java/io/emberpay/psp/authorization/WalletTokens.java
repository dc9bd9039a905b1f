package io.emberpay.psp.authorization;

import java.util.Locale;

import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the card a wallet token stands for, as an acquirer does after decrypting it. The
 * simulator cannot decrypt real tokens: it takes the display data (Apple's
 * {@code paymentMethod}, Google's {@code info}) and accepts any token of the documented
 * shape (docs/test-cards.md). A malformed token is refused; messages never quote it.
 */
final class WalletTokens {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WalletTokens() {
	}

	static CardSummary card(WalletDetails wallet) {
		JsonNode token;
		try {
			token = JSON.readTree(wallet.token());
		}
		catch (JacksonException ex) {
			throw invalid();
		}
		String network;
		String last4;
		if (wallet.type().equals("apple_pay")) {
			if (!token.path("paymentData").path("data").isString()
					|| !token.path("paymentData").path("signature").isString()) {
				throw invalid();
			}
			network = token.path("paymentMethod").path("network").asString("");
			String display = token.path("paymentMethod").path("displayName").asString("");
			last4 = (display.length() >= 4) ? display.substring(display.length() - 4) : "";
		}
		else {
			if (!token.path("tokenizationData").path("token").isString()) {
				throw invalid();
			}
			network = token.path("info").path("cardNetwork").asString("");
			last4 = token.path("info").path("cardDetails").asString("");
		}
		if (network.isBlank() || !last4.matches("[0-9]{4}")) {
			throw invalid();
		}
		return new CardSummary(network.toLowerCase(Locale.ROOT), last4, 0, 0);
	}

	private static PspException invalid() {
		return new PspException(PspError.INVALID_REQUEST, "wallet.token is not a wallet payment token");
	}

}
