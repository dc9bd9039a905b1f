package io.emberpay.local;

import java.util.List;

import io.emberpay.local.demo.GatewayClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and sloppy input to every public endpoint, through the gateway: each answer is
 * a 4xx RFC 9457 problem with a stable code, never a 500 and never a stack trace.
 */
class GatewayBadInputTests {

	private static PlatformFixture fixture;

	@BeforeAll
	static void startPlatform() throws Exception {
		fixture = PlatformFixture.create(RunningPlatform.get().gatewayUrl());
	}

	static List<String[]> endpoints() {
		return List.of(new String[] { "POST", "/v1/auth/signup", "none" },
				new String[] { "POST", "/v1/auth/login", "none" }, new String[] { "POST", "/v1/auth/token", "none" },
				new String[] { "POST", "/v1/auth/mfa/verify", "none" },
				new String[] { "POST", "/v1/merchants", "none" },
				new String[] { "POST", "/v1/auth/mfa/totp/activate", "user" },
				new String[] { "POST", "/v1/payment_methods", "user" }, new String[] { "POST", "/v1/payments", "user" },
				new String[] { "POST", "/v1/payments/pay_doesnotexist/capture", "merchant" },
				new String[] { "POST", "/v1/payments/pay_doesnotexist/confirm", "user" },
				new String[] { "POST", "/v1/refunds", "merchant" },
				new String[] { "POST", "/v1/webhook_endpoints", "merchant" });
	}

	@ParameterizedTest(name = "{0} {1} with malformed bodies")
	@MethodSource("endpoints")
	void malformedBodiesAreClientErrors(String method, String path, String who) {
		for (String body : List.of("{", "[]", "\"just a string\"", "{\"amount\": \"lots\"}", "{\"amount\": 1.5}",
				"{\"amount\": \"100\"}", "{\"amount\": true}", "{\"email\": 42}",
				"{\"role\": \"admin\", \"merchant_id\": \"mer_x\", \"status\": \"succeeded\"}",
				"{\"email\": \"" + "x".repeat(100_000) + "@example.com\"}", "null")) {
			GatewayClient.Reply reply = send(method, path, who, body);
			assertThat(reply.status()).as("%s %s with %s", method, path, abbreviate(body)).isBetween(400, 499);
			assertThat(reply.json().path("code").asString()).as("stable code for %s", abbreviate(body)).isNotBlank();
			assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
		}
	}

	/**
	 * Per public POST, one field and a body around it: a JSON value of the wrong type in
	 * that field is never converted ({@code "amount": "100"} is not charged as 100).
	 */
	static List<String[]> typedFields() {
		return List.of(
				new String[] { "POST", "/v1/payments", "user", "amount", "integer",
						"{\"amount\": %s, \"currency\": \"USD\", \"merchant\": \"mer_doesnotexist\"}" },
				new String[] { "POST", "/v1/payments/pay_doesnotexist/capture", "merchant", "amount", "integer",
						"{\"amount\": %s}" },
				new String[] { "POST", "/v1/refunds", "merchant", "amount", "integer",
						"{\"payment\": \"pay_doesnotexist\", \"amount\": %s}" },
				new String[] { "POST", "/v1/payment_methods", "user", "card.exp_month", "integer",
						"{\"type\": \"card\", \"card\": {\"number\": \"4242424242424242\", \"exp_month\": %s,"
								+ " \"exp_year\": 2034, \"cvc\": \"123\"}}" },
				new String[] { "POST", "/v1/auth/signup", "none", "email", "string",
						"{\"email\": %s, \"password\": \"a long enough password\"}" },
				new String[] { "POST", "/v1/auth/login", "none", "email", "string",
						"{\"email\": %s, \"password\": \"a long enough password\"}" },
				new String[] { "POST", "/v1/auth/token", "none", "refresh_token", "string", "{\"refresh_token\": %s}" },
				new String[] { "POST", "/v1/auth/mfa/verify", "none", "mfa_token", "string",
						"{\"mfa_token\": %s, \"code\": \"123456\"}" },
				new String[] { "POST", "/v1/merchants", "none", "name", "string",
						"{\"name\": %s, \"email\": \"shop@e2e.test\"}" },
				new String[] { "POST", "/v1/webhook_endpoints", "merchant", "url", "string",
						"{\"url\": %s, \"events\": [\"payment.succeeded\"]}" });
	}

	@ParameterizedTest(name = "{0} {1}: {3} of the wrong JSON type")
	@MethodSource("typedFields")
	void aValueOfTheWrongJsonTypeIsA400NamingTheField(String method, String path, String who, String field, String type,
			String template) {
		List<String> wrong = type.equals("integer") ? List.of("\"100\"", "true", "1.5", "\"\"")
				: List.of("42", "true", "1.5");
		for (String value : wrong) {
			GatewayClient.Reply reply = send(method, path, who, template.formatted(value));
			assertThat(reply.status()).as("%s %s with %s: %s", method, path, field, value).isEqualTo(400);
			assertThat(reply.json().path("code").asString()).as("code for %s: %s", field, value)
				.isEqualTo("invalid_request");
			assertThat(reply.json().path("param").asString()).as("param for %s: %s", field, value).isEqualTo(field);
		}
	}

	@ParameterizedTest(name = "{0} {1} without credentials")
	@MethodSource("endpoints")
	void protectedEndpointsRefuseMissingCredentials(String method, String path, String who) {
		if ("none".equals(who)) {
			return;
		}
		GatewayClient.Reply reply = send(method, path, "none", "{}");
		assertThat(reply.status()).isEqualTo(401);
	}

	private static GatewayClient.Reply send(String method, String path, String who, String body) {
		String bearer = switch (who) {
			case "user" -> fixture.accessToken();
			case "merchant" -> fixture.apiKey();
			default -> null;
		};
		return fixture.gateway().sendRaw(method, path, body, bearer, "bad-input-" + System.nanoTime());
	}

	private static String abbreviate(String body) {
		return (body.length() > 60) ? body.substring(0, 60) + "…" : body;
	}

}
