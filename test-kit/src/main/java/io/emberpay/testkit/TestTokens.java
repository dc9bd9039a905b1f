package io.emberpay.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for auth-service's token issuing in one service's tests: an ES256 key whose
 * JWKS is served over real HTTP on loopback, and tokens for users, merchants, operators
 * and services signed with it. Services verify these exactly as they verify
 * auth-service's tokens. It also issues service tokens as auth-service does
 * ({@code POST /internal/v1/service_tokens}, HTTP Basic with {@link #clientSecret()}), so
 * a service under test calls its (stubbed) peers with a real service token.
 */
public final class TestTokens {

	public static final String ISSUER = "https://auth.emberpay.local";

	public static final String AUDIENCE = "emberpay-api";

	private static volatile TestTokens instance;

	private final ECKey key;

	private static final String CLIENT_SECRET = UUID.randomUUID().toString() + UUID.randomUUID();

	private final String jwksUri;

	private final String serviceTokenUri;

	private TestTokens(ECKey key, String baseUri) {
		this.key = key;
		this.jwksUri = baseUri + "/.well-known/jwks.json";
		this.serviceTokenUri = baseUri + "/internal/v1/service_tokens";
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
			TestTokens tokens = new TestTokens(key, "http://127.0.0.1:" + server.getAddress().getPort());
			server.createContext("/internal/v1/service_tokens", tokens::issueServiceToken);
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			return tokens;
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

	public String serviceTokenUri() {
		return this.serviceTokenUri;
	}

	/** The client secret every service under test authenticates with; random per run. */
	public String clientSecret() {
		return CLIENT_SECRET;
	}

	/**
	 * A service token: {@code caller} calling {@code audience}, as auth-service issues.
	 */
	public String service(String caller, String audience) {
		Instant now = Instant.now();
		return sign(new JWTClaimsSet.Builder().subject(caller)
			.issuer(ISSUER)
			.audience(audience)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("typ", "service")
			.build());
	}

	private void issueServiceToken(HttpExchange exchange) throws IOException {
		try (exchange) {
			String caller = basicUser(exchange.getRequestHeaders().getFirst("Authorization"));
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Matcher audience = AUDIENCE_FIELD.matcher(body);
			if (caller == null || !audience.find()) {
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			byte[] answer = ("{\"access_token\":\"" + service(caller, audience.group(1))
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
		}
	}

	private static final Pattern AUDIENCE_FIELD = Pattern.compile("\"audience\"\\s*:\\s*\"([a-z0-9-]{1,64})\"");

	/** The service name of a Basic credential carrying the test secret, else null. */
	private static String basicUser(String authorization) {
		if (authorization == null || !authorization.startsWith("Basic ")) {
			return null;
		}
		String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
				StandardCharsets.UTF_8);
		int colon = decoded.indexOf(':');
		if (colon <= 0 || !decoded.substring(colon + 1).equals(CLIENT_SECRET)) {
			return null;
		}
		return decoded.substring(0, colon);
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
