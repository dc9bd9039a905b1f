package io.emberpay.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every forged or unusable user token stops at the edge with a 401 problem. */
class UserTokenTests extends GatewayTestSupport {

	private static final String PATH = "/v1/payments";

	@Test
	void forwardsAValidTokenUnchanged() {
		String token = TestTokens.get().user(userId());

		ApiClient.Response response = anonymous().withToken(token).get(PATH);

		assertThat(response.status()).isEqualTo(200);
		assertThat(forwarded(response).path("authorization").asString()).isEqualTo("Bearer " + token);
	}

	@Test
	void refusesAMissingOrMalformedAuthorizationHeader() {
		assertUnauthenticated(anonymous().get(PATH));
		assertUnauthenticated(anonymous().withHeader("Authorization", "Basic dXNlcjpwYXNz").get(PATH));
		assertUnauthenticated(anonymous().withToken("not-a-jwt").get(PATH));
		assertUnauthenticated(anonymous().withHeader("Authorization", "Bearer ").get(PATH));
	}

	@Test
	void refusesAnUnsignedToken() throws Exception {
		String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String payload = base64(claims(b -> {
		}).toString());

		assertUnauthenticated(anonymous().withToken(header + "." + payload + ".").get(PATH));
	}

	@Test
	void refusesAnHmacTokenKeyedWithThePublicKey() throws Exception {
		String jwks = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(TestTokens.get().jwksUri())).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		ECKey published = (ECKey) JWKSet.parse(jwks).getKeys().get(0);
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
				claims(b -> {
				}));
		forged.sign(new MACSigner(published.toPublicKey().getEncoded()));

		assertUnauthenticated(anonymous().withToken(forged.serialize()).get(PATH));
	}

	@Test
	void refusesATamperedPayload() {
		String[] parts = TestTokens.get().user(userId()).split("\\.");
		String tampered = parts[0] + "." + base64(claims(b -> b.claim("roles", List.of("user", "admin"))).toString())
				+ "." + parts[2];

		assertUnauthenticated(anonymous().withToken(tampered).get(PATH));
	}

	@Test
	void refusesAnExpiredToken() {
		Instant past = Instant.now().minus(Duration.ofMinutes(20));
		String token = TestTokens.get()
			.sign(claims(b -> b.issueTime(Date.from(past))
				.notBeforeTime(Date.from(past))
				.expirationTime(Date.from(past.plus(Duration.ofMinutes(10))))));

		assertUnauthenticated(anonymous().withToken(token).get(PATH));
	}

	@Test
	void refusesATokenNotYetValid() {
		String token = TestTokens.get()
			.sign(claims(b -> b.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))));

		assertUnauthenticated(anonymous().withToken(token).get(PATH));
	}

	@Test
	void refusesATokenWithoutExpiry() {
		String token = TestTokens.get().sign(claims(b -> b.expirationTime(null)));

		assertUnauthenticated(anonymous().withToken(token).get(PATH));
	}

	@Test
	void refusesAnotherIssuer() {
		String token = TestTokens.get().sign(claims(b -> b.issuer("https://evil.example")));

		assertUnauthenticated(anonymous().withToken(token).get(PATH));
	}

	@Test
	void refusesAnotherAudience() {
		String token = TestTokens.get().sign(claims(b -> b.audience("another-api")));

		assertUnauthenticated(anonymous().withToken(token).get(PATH));
	}

	@Test
	void refusesAKeyAuthServiceNeverPublished() throws Exception {
		ECKey rogue = new ECKeyGenerator(Curve.P_256).keyID("rogue-" + UUID.randomUUID()).generate();
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(rogue.getKeyID()).build(),
				claims(b -> {
				}));
		token.sign(new ECDSASigner(rogue));

		assertUnauthenticated(anonymous().withToken(token.serialize()).get(PATH));
	}

	@Test
	void refusesAPublishedKeyIdWithAnotherKeysSignature() throws Exception {
		String kid = SignedJWT.parse(TestTokens.get().user(userId())).getHeader().getKeyID();
		ECKey rogue = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), claims(b -> {
		}));
		token.sign(new ECDSASigner(rogue));

		assertUnauthenticated(anonymous().withToken(token.serialize()).get(PATH));
	}

	private static void assertUnauthenticated(ApiClient.Response response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.text("code")).isEqualTo("unauthenticated");
		assertThat(response.text("type")).isEqualTo("/errors/unauthenticated");
		assertThat(response.text("request_id")).isEqualTo(response.header("X-Request-Id"));
		assertThat(response.body()).doesNotContain("\"service\"");
	}

	private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(userId())
			.issuer(TestTokens.ISSUER)
			.audience(TestTokens.AUDIENCE)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", List.of("user"))
			.claim("amr", List.of("pwd"));
		change.accept(builder);
		return builder.build();
	}

	private static String userId() {
		return "usr_" + UUID.randomUUID().toString().replace("-", "");
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
