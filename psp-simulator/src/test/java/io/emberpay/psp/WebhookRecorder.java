package io.emberpay.psp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * Plays the platform's acquirer webhook endpoint for the simulator's tests: a real local
 * HTTP server recording every delivery (path, signature header, raw body), answering 200.
 */
public final class WebhookRecorder {

	private static final WebhookRecorder INSTANCE = new WebhookRecorder();

	private final HttpServer server;

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private WebhookRecorder() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/v1/psp_webhooks", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				this.deliveries.add(new Delivery(exchange.getRequestURI().getPath(),
						exchange.getRequestHeaders().getFirst("Simulator-Signature"),
						new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
	}

	public static WebhookRecorder get() {
		return INSTANCE;
	}

	public String url() {
		return "http://localhost:" + this.server.getAddress().getPort() + "/v1/psp_webhooks";
	}

	public List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	public record Delivery(String path, String signature, String body) {
	}

}
