package io.emberpay.starter.security;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds this service's token for one audience to every request of a {@code RestClient}
 * built for that service: {@code RestClient.builder().requestInterceptor(
 * serviceTokens.interceptorFor("fraud-service"))}. Only for clients of platform services,
 * never of acquirers or webhook targets.
 */
public final class ServiceTokenInterceptor implements ClientHttpRequestInterceptor {

	private final ServiceTokens tokens;

	private final String audience;

	public ServiceTokenInterceptor(ServiceTokens tokens, String audience) {
		this.tokens = tokens;
		this.audience = audience;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, this.tokens.authorizationFor(this.audience));
		return execution.execute(request, body);
	}

}
