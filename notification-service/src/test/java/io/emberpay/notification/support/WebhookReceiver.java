package io.emberpay.notification.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A merchant's webhook receiver: a real HTTP server on 127.0.0.1 that records what it was
 * sent and answers the status it is told to (503 while "down"), or holds requests
 * ("hanging") until released.
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile byte[] answerBody = new byte[0];

	private volatile CountDownLatch hold = new CountDownLatch(0);

	public WebhookReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				this.hold.await(60, TimeUnit.SECONDS);
				int answer = this.status;
				this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
						Map.of("webhook-id", header(exchange, "webhook-id"), "webhook-timestamp",
								header(exchange, "webhook-timestamp"), "webhook-signature",
								header(exchange, "webhook-signature"), "content-type",
								header(exchange, "Content-Type")),
						body, answer, Instant.now()));
				byte[] answerBody = this.answerBody;
				exchange.sendResponseHeaders(answer, (answerBody.length == 0) ? -1 : answerBody.length);
				if (answerBody.length > 0) {
					exchange.getResponseBody().write(answerBody);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
	}

	private static String header(com.sun.net.httpserver.HttpExchange exchange, String name) {
		String value = exchange.getRequestHeaders().getFirst(name);
		return (value == null) ? "" : value;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks/emberpay";
	}

	public void answer(int status) {
		this.status = status;
	}

	/** The body every answer carries from now on (none by default). */
	public void answerBody(String body) {
		this.answerBody = body.getBytes(StandardCharsets.UTF_8);
	}

	public void hang() {
		this.hold = new CountDownLatch(1);
	}

	public void release() {
		this.hold.countDown();
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/** Requests this receiver acknowledged with 2xx. */
	public List<Received> acknowledged() {
		return this.received.stream().filter(r -> r.status() / 100 == 2).toList();
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
	}

	public record Received(String method, String path, Map<String, String> headers, String body, int status,
			Instant at) {

		public String webhookId() {
			return this.headers.get("webhook-id");
		}

	}

}
