package io.emberpay.console.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriBuilder;

/**
 * The public API as the signed-in person: every call carries that person's bearer
 * credential, so the platform's own ownership checks decide what the console may show.
 * The console never holds a credential of its own.
 */
public class GatewayApi {

	/**
	 * The API version the pages are written against, sent with every call: without it a
	 * merchant key's calls run in the version the merchant was pinned to at sign-up, and
	 * a payment's fraud assessment would be {@code fraud} for some and {@code risk} for
	 * others.
	 */
	public static final String API_VERSION = "2026-12-07";

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private final RestClient client;

	public GatewayApi(RestClient client) {
		this.client = client;
	}

	public Map<String, Object> get(String bearer, Function<UriBuilder, URI> uri) {
		return call(() -> this.client.get().uri(uri).headers(h -> authorize(h, bearer)).exchange((req, res) -> {
			return read(res.getStatusCode().value(), res.bodyTo(OBJECT));
		}));
	}

	public Map<String, Object> get(String bearer, String path, Object... variables) {
		return get(bearer, uri -> uri.path(path).build(variables));
	}

	/**
	 * A POST; {@code idempotencyKey} (may be null) makes a resubmitted form run once.
	 */
	public Map<String, Object> post(String bearer, String path, Object body, String idempotencyKey,
			Object... variables) {
		return call(() -> {
			RestClient.RequestBodySpec request = this.client.post().uri(path, variables).headers(h -> {
				authorize(h, bearer);
				if (idempotencyKey != null) {
					h.set("Idempotency-Key", idempotencyKey);
				}
			});
			// an action without a body (cancel, rotate, send a test event) sends none:
			// the
			// contract gives those operations no request body
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return request.exchange((req, res) -> read(res.getStatusCode().value(), res.bodyTo(OBJECT)));
		});
	}

	public Map<String, Object> patch(String bearer, String path, Object body, Object... variables) {
		return call(() -> this.client.patch()
			.uri(path, variables)
			.headers(h -> authorize(h, bearer))
			.contentType(MediaType.APPLICATION_JSON)
			.body((body != null) ? body : Map.of())
			.exchange((req, res) -> read(res.getStatusCode().value(), res.bodyTo(OBJECT))));
	}

	/** A PUT: the API's way to set a value that has a natural key (a list entry). */
	public Map<String, Object> put(String bearer, String path, Object body, Object... variables) {
		return call(() -> this.client.put()
			.uri(path, variables)
			.headers(h -> authorize(h, bearer))
			.contentType(MediaType.APPLICATION_JSON)
			.body((body != null) ? body : Map.of())
			.exchange((req, res) -> read(res.getStatusCode().value(), res.bodyTo(OBJECT))));
	}

	public Map<String, Object> delete(String bearer, String path, Object... variables) {
		return call(() -> this.client.delete()
			.uri(path, variables)
			.headers(h -> authorize(h, bearer))
			.exchange((req, res) -> read(res.getStatusCode().value(), res.bodyTo(OBJECT))));
	}

	/** The {@code data} of a list answer. */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> data(Map<String, Object> list) {
		Object data = list.get("data");
		return (data instanceof List<?> items) ? (List<Map<String, Object>>) items : List.of();
	}

	public static boolean hasMore(Map<String, Object> list) {
		return Boolean.TRUE.equals(list.get("has_more"));
	}

	private static void authorize(HttpHeaders headers, String bearer) {
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		headers.set("Emberpay-Version", API_VERSION);
	}

	private static Map<String, Object> read(int status, Map<String, Object> body) {
		if (status >= 400) {
			throw ApiProblem.of(status, body);
		}
		return (body != null) ? body : Map.of();
	}

	private static Map<String, Object> call(Call call) {
		try {
			return call.run();
		}
		catch (ResourceAccessException ex) {
			throw ApiProblem.unreachable("The platform did not answer in time. Try again in a moment.");
		}
		catch (RestClientException ex) {
			throw ApiProblem.unreachable("The platform's answer could not be read. Try again in a moment.");
		}
	}

	@FunctionalInterface
	private interface Call {

		Map<String, Object> run() throws RestClientException;

	}

}
