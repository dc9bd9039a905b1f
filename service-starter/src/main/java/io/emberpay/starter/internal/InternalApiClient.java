package io.emberpay.starter.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Function;

import io.emberpay.starter.request.RequestId;
import io.emberpay.starter.security.ServiceTokens;
import io.emberpay.starter.web.TraceParent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to the platform's other services' {@code /internal} APIs, with this
 * service's token for the called service, the caller's timeout on every call and the
 * request id and trace context propagated. Any transport failure, or no token to be had,
 * becomes {@link Unreachable} so callers decide what "down" means for them.
 */
public final class InternalApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final Function<String, String> authorization;

	public InternalApiClient(Duration connectTimeout, ServiceTokens tokens) {
		this(connectTimeout, tokens::authorizationFor);
	}

	/**
	 * {@code authorization} answers the {@code Authorization} header for a called service
	 * (its name); auth-service mints its own service tokens in-process instead of asking
	 * itself over the network.
	 */
	public InternalApiClient(Duration connectTimeout, Function<String, String> authorization) {
		this.authorization = authorization;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** {@code service} is the called service's name, the audience of the token sent. */
	public Reply get(String service, String url, Duration timeout) {
		return send(service, HttpRequest.newBuilder(URI.create(url)).GET(), timeout);
	}

	public Reply post(String service, String url, Object body, Duration timeout) {
		return send(service,
				HttpRequest.newBuilder(URI.create(url))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
				timeout);
	}

	private Reply send(String service, HttpRequest.Builder request, Duration timeout) {
		request.timeout(timeout).header("Accept", "application/json");
		try {
			request.header("Authorization", this.authorization.apply(service));
		}
		catch (ServiceTokens.Unavailable ex) {
			throw new Unreachable("no service token for " + service + ": " + ex.getMessage(), ex);
		}
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
