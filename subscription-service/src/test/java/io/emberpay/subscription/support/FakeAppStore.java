package io.emberpay.subscription.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The App Store Server API on loopback: {@code GET /inApps/v1/transactions/{id}} answers
 * {@code {"signedTransactionInfo": JWS}} signed with the test chain, for a request
 * bearing an ES256 token made with the configured API key (issuer, audience
 * {@code appstoreconnect-v1}, bundle id), and 401 otherwise, as Apple does.
 */
public final class FakeAppStore {

	public static final String BUNDLE_ID = "io.emberpay.tests.app";

	public static final String ISSUER_ID = "57246542-96fe-1a63-e053-0824d011072a";

	public static final String KEY_ID = "TESTKEY123";

	private static final FakeAppStore INSTANCE = new FakeAppStore();

	private final HttpServer server;

	private final KeyPair apiKey;

	private final AppleTestChain chain = new AppleTestChain("Apple test");

	private final Map<String, Map<String, Object>> transactions = new ConcurrentHashMap<>();

	private final AtomicInteger lookups = new AtomicInteger();

	private FakeAppStore() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			this.apiKey = generator.generateKeyPair();
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			this.server.createContext("/inApps/v1/transactions/", this::transaction);
			this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			this.server.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static FakeAppStore get() {
		return INSTANCE;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The chain whose root the service trusts. */
	public AppleTestChain chain() {
		return this.chain;
	}

	/** The App Store Connect API key's private key, as the PKCS#8 PEM Apple hands out. */
	public String privateKeyPem() {
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(this.apiKey.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
	}

	/** Makes the App Store know a transaction as {@code claims} say, from now on. */
	public void transaction(Map<String, Object> claims) {
		this.transactions.put((String) claims.get("transactionId"), claims);
	}

	public int lookups() {
		return this.lookups.get();
	}

	private void transaction(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"GET".equals(exchange.getRequestMethod())) {
				answer(exchange, 405, "{}");
				return;
			}
			if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
				answer(exchange, 401, "{\"errorCode\":4010000,\"errorMessage\":\"Unauthenticated.\"}");
				return;
			}
			this.lookups.incrementAndGet();
			String id = exchange.getRequestURI().getPath().substring("/inApps/v1/transactions/".length());
			Map<String, Object> claims = this.transactions.get(id);
			if (claims == null) {
				answer(exchange, 404, "{\"errorCode\":4040010,\"errorMessage\":\"Transaction id not found.\"}");
				return;
			}
			answer(exchange, 200, "{\"signedTransactionInfo\":\"" + this.chain.sign(claims) + "\"}");
		}
	}

	private boolean authorized(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return false;
		}
		try {
			SignedJWT token = SignedJWT.parse(authorization.substring(7));
			return token.verify(new ECDSAVerifier((ECPublicKey) this.apiKey.getPublic()))
					&& KEY_ID.equals(token.getHeader().getKeyID())
					&& ISSUER_ID.equals(token.getJWTClaimsSet().getIssuer())
					&& token.getJWTClaimsSet().getAudience().contains("appstoreconnect-v1")
					&& BUNDLE_ID.equals(token.getJWTClaimsSet().getClaim("bid"));
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
