package io.emberpay.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service behind the gateway, as a real HTTP server on loopback. By default it answers
 * 200 with what it received (method, path, headers, body size), so tests can see what the
 * gateway forwarded; single paths can be given other answers.
 */
final class StubService {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String name;

	private final HttpServer server;

	private final Map<String, Function<HttpExchange, Answer>> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	private StubService(String name, HttpServer server) {
		this.name = name;
		this.server = server;
	}

	static StubService start(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
			StubService stub = new StubService(name, server);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/", stub::serve);
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Answers {@code path} with {@code answer} instead of the echo; an answer of null
	 * falls back to the echo, so a test can shape only its own requests on a path others
	 * use too.
	 */
	void answer(String path, Function<HttpExchange, Answer> answer) {
		this.answers.put(path, answer);
	}

	int hits(String path) {
		AtomicInteger count = this.hits.get(path);
		return (count == null) ? 0 : count.get();
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			this.hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
			Function<HttpExchange, Answer> custom = this.answers.get(path);
			Answer shaped = (custom != null) ? custom.apply(exchange) : null;
			Answer answer = (shaped != null) ? shaped : echo(exchange);
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", answer.contentType());
			exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	private Answer echo(HttpExchange exchange) {
		long size;
		try (InputStream in = exchange.getRequestBody()) {
			size = in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((header, values) -> headers.put(header.toLowerCase(), String.join(",", values)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("service", this.name);
		body.put("method", exchange.getRequestMethod());
		body.put("path", exchange.getRequestURI().getRawPath());
		body.put("body_bytes", size);
		body.put("headers", headers);
		return Answer.json(200, JSON.writeValueAsString(body));
	}

	/** One canned answer. */
	record Answer(int status, String contentType, String body) {

		static Answer json(int status, String body) {
			return new Answer(status, "application/json", body);
		}

		static Answer problem(int status, String code) {
			return new Answer(status, "application/problem+json",
					"{\"type\":\"/errors/" + code + "\",\"status\":" + status + ",\"code\":\"" + code + "\"}");
		}

	}

}
