package io.emberpay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests that talk to a service the way a mobile app or merchant
 * server does: JSON over real HTTP, no Spring test shortcuts.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final String baseUrl;

	private final Map<String, String> defaultHeaders;

	public ApiClient(String baseUrl) {
		this(baseUrl, Map.of());
	}

	private ApiClient(String baseUrl, Map<String, String> defaultHeaders) {
		this.baseUrl = baseUrl;
		this.defaultHeaders = defaultHeaders;
	}

	/** A client that sends {@code Authorization: Bearer token} on every request. */
	public ApiClient withToken(String token) {
		return withHeader("Authorization", "Bearer " + token);
	}

	public ApiClient withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.defaultHeaders);
		headers.put(name, value);
		return new ApiClient(this.baseUrl, headers);
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	public Response post(String path, Object body) {
		return send("POST", path, body, Map.of());
	}

	public Response post(String path, Object body, Map<String, String> headers) {
		return send("POST", path, body, headers);
	}

	/**
	 * Sends {@code body} as JSON: a String is sent as it is (to test malformed input),
	 * anything else is serialised.
	 */
	public Response send(String method, String path, Object body, Map<String, String> headers) {
		String text = (body == null) ? null : (body instanceof String s) ? s : JSON.writeValueAsString(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(text == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
		if (text != null) {
			request.header("Content-Type", "application/json");
		}
		this.defaultHeaders.forEach(request::header);
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response: status, headers and the raw body, with its JSON parsed on demand. */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		public JsonNode json() {
			return (this.body == null || this.body.isBlank()) ? JSON.nullNode() : JSON.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.findFirst()
				.map(e -> e.getValue().get(0))
				.orElse(null);
		}

		/** The text of a top-level JSON field, or {@code null}. */
		public String text(String field) {
			JsonNode node = json().get(field);
			return (node == null || node.isNull()) ? null : node.asString();
		}

	}

}
