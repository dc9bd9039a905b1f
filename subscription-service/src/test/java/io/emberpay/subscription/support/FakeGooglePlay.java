package io.emberpay.subscription.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Google on loopback, in its wire formats: the OIDC keys Pub/Sub push tokens are signed
 * with ({@code /oauth2/v3/certs}), the token endpoint a service account trades its signed
 * assertion at ({@code /token}, JWT bearer grant), and the Play Developer API's
 * {@code purchases.subscriptionsv2.get}, answering {@code SubscriptionPurchaseV2} only to
 * a bearer of an access token it issued.
 */
public final class FakeGooglePlay {

	public static final String PACKAGE_NAME = "io.emberpay.tests.android";

	public static final String PUSH_AUDIENCE = "https://emberpay.test/v1/google_play/notifications";

	public static final String PUSH_SERVICE_ACCOUNT = "rtdn-push@emberpay-tests.iam.gserviceaccount.com";

	public static final String API_SERVICE_ACCOUNT = "play-api@emberpay-tests.iam.gserviceaccount.com";

	private static final FakeGooglePlay INSTANCE = new FakeGooglePlay();

	private final HttpServer server;

	private final RSAKey googleSigning;

	private final KeyPair serviceAccount;

	private final Map<String, String> purchases = new ConcurrentHashMap<>();

	private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();

	private FakeGooglePlay() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair google = generator.generateKeyPair();
			this.googleSigning = new RSAKey.Builder((RSAPublicKey) google.getPublic())
				.privateKey((RSAPrivateKey) google.getPrivate())
				.keyID("google-test-1")
				.algorithm(JWSAlgorithm.RS256)
				.build();
			this.serviceAccount = generator.generateKeyPair();
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			this.server.createContext("/oauth2/v3/certs", this::certs);
			this.server.createContext("/token", this::token);
			this.server.createContext("/androidpublisher/v3/applications/", this::subscription);
			this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			this.server.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static FakeGooglePlay get() {
		return INSTANCE;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public String serviceAccountKeyPem() {
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(this.serviceAccount.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
	}

	/**
	 * Google knows the purchase behind {@code purchaseToken} as this
	 * SubscriptionPurchaseV2 JSON.
	 */
	public void purchase(String purchaseToken, String subscriptionPurchaseV2) {
		this.purchases.put(purchaseToken, subscriptionPurchaseV2);
	}

	/** The OIDC token Pub/Sub puts on a push, signed with Google's (test) key. */
	public String pushToken(String audience, Instant now) {
		return pushToken(this.googleSigning, audience, now);
	}

	/** The same token, signed by someone who is not Google. */
	public static String forgedPushToken(String audience, Instant now) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair other = generator.generateKeyPair();
			return pushToken(
					new RSAKey.Builder((RSAPublicKey) other.getPublic()).privateKey((RSAPrivateKey) other.getPrivate())
						.keyID("google-test-1")
						.build(),
					audience, now);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pushToken(RSAKey key, String audience, Instant now) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					new JWTClaimsSet.Builder().issuer("https://accounts.google.com")
						.audience(audience)
						.subject("112233445566778899")
						.claim("email", PUSH_SERVICE_ACCOUNT)
						.claim("email_verified", true)
						.claim("azp", "112233445566778899")
						.issueTime(Date.from(now))
						.expirationTime(Date.from(now.plusSeconds(3600)))
						.build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A Pub/Sub push envelope around a developer notification, as Pub/Sub posts it. */
	public static Map<String, Object> pushEnvelope(String messageId, String developerNotificationJson) {
		String data = Base64.getEncoder().encodeToString(developerNotificationJson.getBytes(StandardCharsets.UTF_8));
		Map<String, Object> message = new HashMap<>();
		message.put("data", data);
		message.put("messageId", messageId);
		message.put("message_id", messageId);
		message.put("publishTime", Instant.now().toString());
		message.put("publish_time", Instant.now().toString());
		message.put("attributes", Map.of());
		return Map.of("message", message, "subscription", "projects/emberpay-tests/subscriptions/play-rtdn",
				"deliveryAttempt", 1);
	}

	private void certs(HttpExchange exchange) throws IOException {
		try (exchange) {
			answer(exchange, 200, new JWKSet(this.googleSigning.toPublicJWK()).toString());
		}
	}

	private void token(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> form = form(
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
					|| !validAssertion(form.get("assertion"))) {
				answer(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
				return;
			}
			String token = "ya29." + UUID.randomUUID();
			this.accessTokens.put(token, Instant.now().plusSeconds(3599));
			answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
		}
	}

	private boolean validAssertion(String assertion) {
		try {
			SignedJWT jwt = SignedJWT.parse(assertion);
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			return jwt.verify(new RSASSAVerifier((RSAPublicKey) this.serviceAccount.getPublic()))
					&& API_SERVICE_ACCOUNT.equals(claims.getIssuer())
					&& claims.getAudience().equals(List.of(url() + "/token"))
					&& "https://www.googleapis.com/auth/androidpublisher".equals(claims.getClaim("scope"))
					&& claims.getExpirationTime().toInstant().isAfter(Instant.now());
		}
		catch (Exception ex) {
			return false;
		}
	}

	private void subscription(HttpExchange exchange) throws IOException {
		try (exchange) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			Instant expiry = (authorization != null && authorization.startsWith("Bearer "))
					? this.accessTokens.get(authorization.substring(7)) : null;
			if (expiry == null || expiry.isBefore(Instant.now())) {
				answer(exchange, 401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication "
						+ "credentials.\",\"status\":\"UNAUTHENTICATED\"}}");
				return;
			}
			String path = exchange.getRequestURI().getRawPath();
			String prefix = "/androidpublisher/v3/applications/" + PACKAGE_NAME + "/purchases/subscriptionsv2/tokens/";
			String purchase = path.startsWith(prefix)
					? this.purchases.get(URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8))
					: null;
			if (purchase == null) {
				answer(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"The purchase token was not found.\","
						+ "\"status\":\"NOT_FOUND\"}}");
				return;
			}
			answer(exchange, 200, purchase);
		}
	}

	private static Map<String, String> form(String body) {
		Map<String, String> values = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
