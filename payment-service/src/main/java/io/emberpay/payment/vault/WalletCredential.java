package io.emberpay.payment.vault;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import io.emberpay.starter.problem.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A wallet's payment token, checked for the shape its wallet gives the app: an Apple Pay
 * {@code PKPaymentToken} ({@code paymentData} with {@code version}, {@code data},
 * {@code signature}, {@code header}; {@code paymentMethod} with {@code network} and
 * {@code displayName}) or Google Pay's {@code paymentMethodData} ({@code info} with
 * {@code cardNetwork} and {@code cardDetails}; {@code tokenizationData.token} holding the
 * signed {@code ECv2} message). The platform cannot decrypt the network token: it is
 * forwarded to the acquirer, and only the display brand and last4 are read. Messages name
 * fields, never values; {@code toString} reveals nothing.
 */
final class WalletCredential {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, String> NETWORKS = Map.of("visa", "visa", "mastercard", "mastercard", "amex",
			"amex", "americanexpress", "amex", "discover", "discover", "jcb", "jcb", "unionpay", "unionpay",
			"chinaunionpay", "unionpay");

	private final String type;

	private final String brand;

	private final String last4;

	private final String serialized;

	private WalletCredential(String type, String brand, String last4, String serialized) {
		this.type = type;
		this.brand = brand;
		this.last4 = last4;
		this.serialized = serialized;
	}

	static WalletCredential parse(String type, JsonNode token) {
		String param = type + ".token";
		JsonNode node = object(token, param);
		return switch (type) {
			case "apple_pay" -> applePay(node, param);
			case "google_pay" -> googlePay(node, param);
			default -> throw ApiException.invalid("type", "not a wallet type");
		};
	}

	private static WalletCredential applePay(JsonNode token, String param) {
		JsonNode data = token.path("paymentData");
		String version = text(data, "version", param + ".paymentData.version");
		if (!version.equals("EC_v1") && !version.equals("RSA_v1")) {
			throw ApiException.invalid(param + ".paymentData.version", "version must be EC_v1 or RSA_v1");
		}
		base64(data, "data", param + ".paymentData.data");
		base64(data, "signature", param + ".paymentData.signature");
		JsonNode header = data.path("header");
		base64(header, version.equals("EC_v1") ? "ephemeralPublicKey" : "wrappedKey",
				param + ".paymentData.header." + (version.equals("EC_v1") ? "ephemeralPublicKey" : "wrappedKey"));
		base64(header, "publicKeyHash", param + ".paymentData.header.publicKeyHash");
		if (!text(header, "transactionId", param + ".paymentData.header.transactionId").matches("[0-9a-fA-F]{2,128}")) {
			throw ApiException.invalid(param + ".paymentData.header.transactionId", "transactionId must be hex");
		}
		JsonNode method = token.path("paymentMethod");
		String brand = brand(text(method, "network", param + ".paymentMethod.network"),
				param + ".paymentMethod.network");
		String displayName = text(method, "displayName", param + ".paymentMethod.displayName");
		// Apple shows "Visa 0224": the card's last four digits end the display name
		if (!displayName.matches(".*[0-9]{4}") || displayName.length() > 64) {
			throw ApiException.invalid(param + ".paymentMethod.displayName",
					"displayName must end with the card's last four digits");
		}
		return new WalletCredential("apple_pay", brand, displayName.substring(displayName.length() - 4),
				JSON.writeValueAsString(token));
	}

	private static WalletCredential googlePay(JsonNode token, String param) {
		JsonNode info = token.path("info");
		String brand = brand(text(info, "cardNetwork", param + ".info.cardNetwork"), param + ".info.cardNetwork");
		String last4 = text(info, "cardDetails", param + ".info.cardDetails");
		if (!last4.matches("[0-9]{4}")) {
			throw ApiException.invalid(param + ".info.cardDetails", "cardDetails must be the card's last four digits");
		}
		JsonNode tokenization = token.path("tokenizationData");
		String tokenizationType = text(tokenization, "type", param + ".tokenizationData.type");
		if (!tokenizationType.equals("PAYMENT_GATEWAY")) {
			throw ApiException.invalid(param + ".tokenizationData.type", "type must be PAYMENT_GATEWAY");
		}
		String inner = text(tokenization, "token", param + ".tokenizationData.token");
		JsonNode signed;
		try {
			signed = JSON.readTree(inner);
		}
		catch (JacksonException ex) {
			throw ApiException.invalid(param + ".tokenizationData.token", "token must be Google Pay's signed JSON");
		}
		if ("token".equals(signed.path("object").asString("")) && signed.path("id").isString()) {
			// gateway "stripe": Google Pay hands the app a Stripe Token object
			if (!signed.path("id").asString().matches("tok_[A-Za-z0-9]{1,255}")) {
				throw ApiException.invalid(param + ".tokenizationData.token.id", "id must be a Stripe token id");
			}
			return new WalletCredential("google_pay", brand, last4, JSON.writeValueAsString(token));
		}
		String protocol = text(signed, "protocolVersion", param + ".tokenizationData.token.protocolVersion");
		if (!protocol.equals("ECv2") && !protocol.equals("ECv1")) {
			throw ApiException.invalid(param + ".tokenizationData.token.protocolVersion",
					"protocolVersion must be ECv1 or ECv2");
		}
		base64(signed, "signature", param + ".tokenizationData.token.signature");
		text(signed, "signedMessage", param + ".tokenizationData.token.signedMessage");
		return new WalletCredential("google_pay", brand, last4, JSON.writeValueAsString(token));
	}

	/** The token as an object: apps may send it as JSON or as a string of JSON. */
	private static JsonNode object(JsonNode token, String param) {
		JsonNode node = token;
		if (node != null && node.isString()) {
			if (node.asString().length() > 16 * 1024) {
				throw ApiException.invalid(param, "token is too large for a wallet token");
			}
			try {
				node = JSON.readTree(node.asString());
			}
			catch (JacksonException ex) {
				throw ApiException.invalid(param, "token must be the wallet's JSON payment token");
			}
		}
		if (node == null || !node.isObject()) {
			throw ApiException.invalid(param, "token must be the wallet's JSON payment token");
		}
		return node;
	}

	private static String text(JsonNode parent, String field, String param) {
		JsonNode value = parent.path(field);
		if (!value.isString() || value.asString().isBlank() || value.asString().length() > 8192) {
			throw ApiException.invalid(param, field + " must be a non-empty string");
		}
		return value.asString();
	}

	private static void base64(JsonNode parent, String field, String param) {
		String value = text(parent, field, param);
		try {
			Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid(param, field + " must be base64");
		}
	}

	private static String brand(String network, String param) {
		String brand = NETWORKS.get(network.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", ""));
		if (brand == null) {
			throw ApiException.invalid(param, "the card network is not one the platform accepts");
		}
		return brand;
	}

	String type() {
		return this.type;
	}

	String brand() {
		return this.brand;
	}

	String last4() {
		return this.last4;
	}

	/** The token as forwarded to the acquirer: only for encryption and that call. */
	String serialized() {
		return this.serialized;
	}

	@Override
	public String toString() {
		return "WalletCredential[" + this.type + ", " + this.brand + " " + this.last4 + ", redacted]";
	}

}
