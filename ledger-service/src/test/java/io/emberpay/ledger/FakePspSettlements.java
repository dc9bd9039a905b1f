package io.emberpay.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the PSP simulator's settlement endpoint over real HTTP on loopback. It
 * starts before any test context and points {@code emberpay.services.psp-simulator.url}
 * at itself, so every test class shares one Spring context.
 */
final class FakePspSettlements {

	private static final Map<String, String> FILES = new ConcurrentHashMap<>();

	static {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				String file = FILES.get(exchange.getRequestURI().getPath());
				byte[] body = (file == null) ? new byte[0] : file.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "text/csv");
				exchange.sendResponseHeaders((file == null) ? 404 : 200, (body.length == 0) ? -1 : body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			String url = "http://127.0.0.1:" + server.getAddress().getPort();
			System.setProperty("emberpay.services.psp-simulator.url", url);
			// the tests' acquirers have random names: this fake is every one's source but
			// stripe's, which has none
			System.setProperty("emberpay.ledger.reconciliation.default-source", url);
			System.setProperty("emberpay.ledger.reconciliation.sources.stripe", "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private FakePspSettlements() {
	}

	static void ensureStarted() {
		// the static initializer did the work
	}

	static void serve(String psp, String date, String csv) {
		FILES.put("/" + psp + "/v1/settlements/" + date, csv);
	}

}
