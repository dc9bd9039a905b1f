package io.emberpay.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Percent-encoded spellings of a limited route ({@code /v1/auth/%6Cogin}) are the route
 * itself: they spend the same per-address budget and reach the service with the canonical
 * path. Its own context trusts one proxy hop, so each test calls from its own address.
 */
@Tag("security")
@TestPropertySource(properties = { "emberpay.gateway.trusted-proxy-hops=1",
		"emberpay.gateway.rate-limits.credentials.capacity=3", "emberpay.gateway.rate-limits.signup.capacity=3" })
class EncodedPathLimitsTests extends GatewayTestSupport {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	static Stream<Arguments> limitedRoutes() {
		return Stream.of(Arguments.of("/v1/auth/login", false, "POST"),
				Arguments.of("/v1/auth/mfa/verify", false, "POST"), Arguments.of("/v1/auth/mfa/totp", true, "POST"),
				Arguments.of("/v1/auth/mfa/totp/activate", true, "POST"),
				Arguments.of("/v1/auth/mfa/totp/disable", true, "POST"),
				Arguments.of("/v1/auth/mfa/totp/recovery_codes", true, "POST"),
				Arguments.of("/v1/users/me/password", true, "POST"), Arguments.of("/v1/users/me", true, "DELETE"),
				Arguments.of("/v1/auth/signup", false, "POST"), Arguments.of("/v1/merchants", false, "POST"),
				Arguments.of("/v1/auth/password/forgot", false, "POST"),
				Arguments.of("/v1/auth/password/reset", false, "POST"),
				Arguments.of("/v1/auth/email/verify", false, "POST"));
	}

	@ParameterizedTest(name = "{2} {0}")
	@MethodSource("limitedRoutes")
	void encodedSpellingsSpendTheRoutesBudgetAndReachTheServiceCanonical(String path, boolean signedIn, String method) {
		ApiClient client = client(signedIn);
		int before = AUTH.hits(path);
		for (String spelling : spellings(path)) {
			ApiClient.Response response = client.send(method, spelling, Map.of("code", "123456"), Map.of());
			assertThat(response.status()).as(spelling).isNotIn(400, 401, 404, 429);
		}

		ApiClient.Response plain = client.send(method, path, Map.of("code", "123456"), Map.of());
		ApiClient.Response encoded = client.send(method, encodeEveryLetter(path), Map.of("code", "123456"), Map.of());

		assertThat(plain.status()).isEqualTo(429);
		assertThat(encoded.status()).isEqualTo(429);
		assertThat(AUTH.hits(path)).as("forwarded with the canonical path").isEqualTo(before + 3);
	}

	@Test
	void refusesEncodedDotSegmentsOnceDecoded() {
		ApiClient.Response response = freshUser().get("/v1/payments/%2E%2e/%2e%2E/internal/v1/merchants/mer_1");

		assertThat(response.status()).isEqualTo(400);
		assertThat(PAYMENT.hits("/internal/v1/merchants/mer_1")).isZero();
	}

	@Test
	void encodedInternalPathIsNeverServed() {
		ApiClient.Response response = freshUser().get("/%69nternal/v1/merchants/mer_1");

		assertThat(response.status()).isEqualTo(404);
		assertThat(PAYMENT.hits("/internal/v1/merchants/mer_1")).isZero();
		assertThat(AUTH.hits("/internal/v1/merchants/mer_1")).isZero();
	}

	private ApiClient client(boolean signedIn) {
		ApiClient client = signedIn ? freshUser() : anonymous();
		return client.withHeader("X-Forwarded-For", "198.51.100." + ADDRESSES.incrementAndGet());
	}

	/** Three spellings a server decodes to {@code path}, none of them {@code path}. */
	private static List<String> spellings(String path) {
		int last = path.lastIndexOf('/') + 1;
		String lowerHex = path.substring(0, last) + escape(path.charAt(last)).toLowerCase() + path.substring(last + 1);
		String upperHexVersion = "/%761" + path.substring(3);
		return List.of(lowerHex, upperHexVersion, encodeEveryLetter(path));
	}

	private static String encodeEveryLetter(String path) {
		StringBuilder encoded = new StringBuilder();
		for (char c : path.toCharArray()) {
			encoded.append(Character.isLetter(c) ? escape(c) : String.valueOf(c));
		}
		return encoded.toString();
	}

	private static String escape(char c) {
		return String.format("%%%02X", (int) c);
	}

}
