package io.emberpay.starter.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Function;

import io.emberpay.starter.security.ServiceTokens;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Typed clients of the platform's other services' {@code /internal} APIs: an
 * {@code @HttpExchange} interface becomes a client that sends this service's token for
 * the called service, propagates the request id and trace context, is observed
 * ({@code http.client.requests}) and has one timeout for every call. Failures reach the
 * caller as {@link ServiceUnreachable} (nothing or nothing readable came back),
 * {@link ServiceTimedOut} (no answer in time: usually the callee is busy) or
 * {@link ServiceRefused} (an error status, with the callee's problem).
 * <p>
 * Replies are read leniently (unknown fields ignored) so that a callee may add fields
 * without breaking the services that call it; requests are written in the platform's
 * snake_case.
 */
public final class InternalServices {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion
			.withValueInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL))
		.build();

	/**
	 * Writes request bodies. Without it the request factory falls back to a
	 * {@code SimpleAsyncTaskExecutor} that starts a new platform thread for every body
	 * sent: in the payment benchmark's profile that cost more CPU than the rest of the
	 * call.
	 */
	private static final SimpleAsyncTaskExecutor BODY_WRITERS = new SimpleAsyncTaskExecutor("internal-call-body-");

	static {
		BODY_WRITERS.setVirtualThreads(true);
	}

	private final RestClient.Builder builder;

	private final Function<String, String> authorization;

	private final HttpClient http;

	public InternalServices(RestClient.Builder builder, ServiceTokens tokens, Duration connectTimeout) {
		this(builder, tokens::authorizationFor, connectTimeout);
	}

	/**
	 * {@code authorization} answers the {@code Authorization} header for a called service
	 * (its name): auth-service mints its own service tokens in-process instead of asking
	 * itself over the network. It throws {@link ServiceTokens.Unavailable} when it has
	 * none.
	 */
	public InternalServices(RestClient.Builder builder, Function<String, String> authorization,
			Duration connectTimeout) {
		this.builder = builder;
		this.authorization = authorization;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * A client of {@code service} (the audience of the token sent) at {@code baseUrl},
	 * whose every call is answered within {@code timeout} or fails with
	 * {@link ServiceTimedOut}.
	 */
	public <T> T client(Class<T> api, String service, String baseUrl, Duration timeout) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(this.http, BODY_WRITERS);
		requests.setReadTimeout(timeout);
		RestClient client = this.builder.clone()
			.baseUrl(baseUrl)
			.requestFactory(requests)
			.configureMessageConverters(
					(converters) -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(JSON)))
			.requestInterceptor(new InternalCallHeaders(this.authorization, service))
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.exchangeAdapterDecorator((adapter) -> new InternalCallFailures(adapter, service, timeout))
			.build()
			.createClient(api);
	}

}
