package io.emberpay.subscription.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import io.emberpay.starter.request.RequestId;
import io.emberpay.starter.web.TraceParent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to the platform's other services' {@code /internal} APIs, with the
 * caller's timeout on every call and the request id and trace context propagated. Any
 * transport failure becomes {@link Unreachable} so callers decide what "down" means for
 * them. The same client as payment-service's; calls to payment-service go through it.
 */
public final class InternalApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	public InternalApiClient(Duration connectTimeout) {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public Reply get(String url, Duration timeout) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), timeout);
	}

	public Reply post(String url, Object body, Duration timeout) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), timeout);
	}

	private Reply send(HttpRequest.Builder request, Duration timeout) {
		request.timeout(timeout).header("Accept", "application/json");
		String requestId = RequestId.current();
		if (requestId != null) {
			request.header(RequestId.HEADER, requestId);
		}
		String traceparent = TraceParent.current();
		if (traceparent != null) {
			request.header(TraceParent.HEADER, traceparent);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode json = null;
			if (response.body() != null && !response.body().isBlank()) {
				try {
					json = JSON.readTree(response.body());
				}
				catch (RuntimeException ex) {
					throw new Unreachable("answered with a body that is not JSON", ex);
				}
			}
			return new Reply(response.statusCode(), json);
		}
		catch (HttpTimeoutException ex) {
			throw new TimedOut("no answer within " + timeout.toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			throw new Unreachable(ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Unreachable("interrupted", ex);
		}
	}

	public record Reply(int status, JsonNode json) {

		public String text(String field) {
			JsonNode node = (this.json == null) ? null : this.json.get(field);
			return (node == null || node.isNull()) ? null : node.asString();
		}

	}

	/** The service did not answer, or not in a way we can read. */
	public static sealed class Unreachable extends RuntimeException permits TimedOut {

		Unreachable(String message, Throwable cause) {
			super(message, cause, false, false);
		}

	}

	/**
	 * The service took the request but did not answer in time: usually it is busy, so
	 * callers may treat this apart from a service that is down.
	 */
	public static final class TimedOut extends Unreachable {

		TimedOut(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
