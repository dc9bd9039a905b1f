package io.emberpay.payment.psp.adyen;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.adyen.Config;
import com.adyen.constants.ApiConstants;
import com.adyen.httpclient.ClientInterface;
import com.adyen.httpclient.HTTPClientException;
import com.adyen.model.RequestOptions;

/**
 * The HTTP under Adyen's library: one JDK client, one attempt per call. The library's own
 * Apache transport re-sends a request answered 503 after its {@code Retry-After}, POSTs
 * included; that would hide a refusal from the channel (which retries with the same key
 * itself, and fails over on "Adyen did nothing") and hold a thread past the time limit.
 */
final class AdyenTransport implements ClientInterface {

	private static final String USER_AGENT = "emberpay adyen-java-api-library/42";

	private final HttpClient http;

	AdyenTransport(Duration connectTimeout) {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public String request(String endpoint, String json, Config config) throws IOException, HTTPClientException {
		return request(endpoint, json, config, true, null, ApiConstants.HttpMethod.POST, null);
	}

	@Override
	public String request(String endpoint, String json, Config config, boolean isApiKeyRequired)
			throws IOException, HTTPClientException {
		return request(endpoint, json, config, isApiKeyRequired, null, ApiConstants.HttpMethod.POST, null);
	}

	@Override
	public String request(String endpoint, String json, Config config, boolean isApiKeyRequired,
			RequestOptions requestOptions) throws IOException, HTTPClientException {
		return request(endpoint, json, config, isApiKeyRequired, requestOptions, ApiConstants.HttpMethod.POST, null);
	}

	@Override
	public String request(String endpoint, String json, Config config, boolean isApiKeyRequired,
			RequestOptions requestOptions, ApiConstants.HttpMethod httpMethod) throws IOException, HTTPClientException {
		return request(endpoint, json, config, isApiKeyRequired, requestOptions, httpMethod, null);
	}

	@Override
	public String request(String endpoint, String json, Config config, boolean isApiKeyRequired,
			RequestOptions requestOptions, ApiConstants.HttpMethod httpMethod, Map<String, String> params)
			throws IOException, HTTPClientException {
		if (params != null && !params.isEmpty()) {
			throw new HTTPClientException("query parameters are not used by the Adyen connector");
		}
		HttpRequest.BodyPublisher body = (json == null) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
			.timeout(Duration.ofMillis(config.getReadTimeoutMillis()))
			.header("Content-Type", "application/json; charset=UTF-8")
			.header("Accept", "application/json")
			.header("User-Agent", USER_AGENT)
			.method(httpMethod.name(), body);
		if (config.getApiKey() != null) {
			request.header("X-API-Key", config.getApiKey());
		}
		if (requestOptions != null && requestOptions.getIdempotencyKey() != null) {
			request.header("Idempotency-Key", requestOptions.getIdempotencyKey());
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			InterruptedIOException interrupted = new InterruptedIOException("interrupted waiting for Adyen");
			interrupted.initCause(ex);
			throw interrupted;
		}
		int status = response.statusCode();
		if (status < 200 || status >= 300) {
			throw new HTTPClientException("Adyen answered " + status, status, response.headers().map(),
					response.body());
		}
		return response.body();
	}

}
