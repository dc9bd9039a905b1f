package io.emberpay.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for auth-service's token issuing in one service's tests: an ES256 key whose
 * JWKS is served over real HTTP on loopback, and tokens for users, merchants and
 * operators signed with it. Services verify these exactly as they verify auth-service's
 * tokens.
 */
public final class TestTokens {

	public static final String ISSUER = "https://auth.emberpay.local";

	public static final String AUDIENCE = "emberpay-api";

	private static volatile TestTokens instance;

	private final ECKey key;

	private final String jwksUri;

	private TestTokens(ECKey key, String jwksUri) {
		this.key = key;
		this.jwksUri = jwksUri;
	}

	public static TestTokens get() {
		if (instance == null) {
			synchronized (TestTokens.class) {
				if (instance == null) {
					instance = start();
				}
			}
		}
		return instance;
	}

	private static TestTokens start() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID("test-" + UUID.randomUUID()).generate();
			byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/.well-known/jwks.json", exchange -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			return new TestTokens(key, "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String jwksUri() {
		return this.jwksUri;
	}

	public String user(String userId) {
		return sign(userId, List.of("user"), List.of("pwd"), false, Duration.ofMinutes(10));
	}

	public String merchant(String merchantId) {
		return sign(merchantId, List.of("merchant"), List.of("api_key"), false, Duration.ofMinutes(5));
	}

	public String operator(String userId) {
		return sign(userId, List.of("user", "admin"), List.of("pwd", "otp"), false, Duration.ofMinutes(10));
	}

	public String sign(String subject, List<String> roles, List<String> amr, boolean livemode, Duration ttl) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer(ISSUER)
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles)
			.claim("amr", amr)
			.claim("livemode", livemode)
			.build();
		return sign(claims);
	}

	public String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new ECDSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
