package io.emberpay.payment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP server a fake party (an acquirer, another service) answers on: loopback only,
 * a free port, a virtual thread per request, stopped when the test JVM exits.
 */
public final class LoopbackServer {

	private LoopbackServer() {
	}

	/** Serves every path with {@code handler}; {@code backlog} connections may wait. */
	public static HttpServer start(HttpHandler handler, int backlog) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), backlog);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/", handler);
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String url(HttpServer server) {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

}
