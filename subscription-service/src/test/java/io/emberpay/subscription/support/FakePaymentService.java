package io.emberpay.subscription.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * payment-service's {@code POST /internal/v1/off_session_payments} on loopback, in its
 * wire format, in front of an acquirer that injects faults: a share of the charges are
 * made but their answer is lost (a 502 after the money moved, as a proxy or a dying
 * replica would). Charges are idempotent by key per merchant, as payment-service's are,
 * and every charge that reached the acquirer is counted per invoice: the count a renewal
 * run must leave at exactly one.
 */
public final class FakePaymentService implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<String, String> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> chargesByInvoice = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong lostAnswers = new AtomicLong();

	private final double loseAnswers;

	public FakePaymentService(double loseAnswers) {
		this.loseAnswers = loseAnswers;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
			this.server.createContext("/internal/v1/off_session_payments", this::charge);
			this.server.setExecutor(this.threads);
			this.server.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** How many charges reached the acquirer for the invoice. */
	public int chargesOf(String invoice) {
		AtomicInteger charges = this.chargesByInvoice.get(invoice);
		return (charges != null) ? charges.get() : 0;
	}

	public int invoicesCharged() {
		return this.chargesByInvoice.size();
	}

	public long requests() {
		return this.requests.get();
	}

	public long lostAnswers() {
		return this.lostAnswers.get();
	}

	private void charge(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.requests.incrementAndGet();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization == null || !authorization.startsWith("Bearer ")) {
				answer(exchange, 401, "{\"code\":\"unauthenticated\"}");
				return;
			}
			JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
			String key = body.path("merchant").asString() + "/" + body.path("idempotency_key").asString();
			String invoice = body.path("metadata").path("invoice").asString();
			boolean[] charged = { false };
			String answer = this.answers.computeIfAbsent(key, (k) -> {
				charged[0] = true;
				this.chargesByInvoice.computeIfAbsent(invoice, (i) -> new AtomicInteger()).incrementAndGet();
				return "{\"id\":\"pay_fake_" + Long.toString(System.nanoTime(), 36) + "\",\"object\":\"payment\","
						+ "\"status\":\"succeeded\",\"amount\":" + body.path("amount").asLong() + ",\"currency\":\""
						+ body.path("currency").asString() + "\"}";
			});
			if (charged[0] && ThreadLocalRandom.current().nextDouble() < this.loseAnswers) {
				this.lostAnswers.incrementAndGet();
				answer(exchange, 502, "");
				return;
			}
			answer(exchange, charged[0] ? 201 : 200, answer);
		}
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.close();
	}

}
