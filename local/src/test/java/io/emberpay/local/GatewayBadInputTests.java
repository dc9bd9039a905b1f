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
				"{\"email\": 42}", "{\"role\": \"admin\", \"merchant_id\": \"mer_x\", \"status\": \"succeeded\"}",
				"{\"email\": \"" + "x".repeat(100_000) + "@example.com\"}", "null")) {
			GatewayClient.Reply reply = send(method, path, who, body);
			assertThat(reply.status()).as("%s %s with %s", method, path, abbreviate(body)).isBetween(400, 499);
			assertThat(reply.json().path("code").asString()).as("stable code for %s", abbreviate(body)).isNotBlank();
			assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
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
