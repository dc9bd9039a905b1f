package io.emberpay.local.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A merchant's webhook endpoint on loopback: records every delivery it receives and
 * answers 200.
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	public static WebhookReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		WebhookReceiver receiver = new WebhookReceiver(server);
		server.createContext("/webhooks", exchange -> {
			try (InputStream body = exchange.getRequestBody()) {
				var headers = exchange.getRequestHeaders();
				receiver.deliveries.add(new Delivery(headers.getFirst("webhook-id"),
						headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"),
						new String(body.readNBytes(1 << 20), StandardCharsets.UTF_8), Instant.now()));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		return receiver;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/webhooks";
	}

	public List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One POST as received, headers and raw body. */
	public record Delivery(String id, String timestamp, String signature, String body, Instant receivedAt) {
	}

}
