package io.emberpay.starter.internal;

import java.io.IOException;
import java.util.function.Function;

import io.emberpay.starter.request.RequestId;
import io.emberpay.starter.security.ServiceTokens;
import io.emberpay.starter.web.TraceParent;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * This service's token for the called service, and the request id and trace context of
 * the request being served, on every internal call. No token to be had means the callee
 * is as good as unreachable.
 */
final class InternalCallHeaders implements ClientHttpRequestInterceptor {

	private final Function<String, String> authorization;

	private final String service;

	InternalCallHeaders(Function<String, String> authorization, String service) {
		this.authorization = authorization;
		this.service = service;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		HttpHeaders headers = request.getHeaders();
		try {
			headers.set(HttpHeaders.AUTHORIZATION, this.authorization.apply(this.service));
		}
		catch (ServiceTokens.Unavailable ex) {
			throw new ServiceUnreachable(this.service, "no service token: " + ex.getMessage(), ex);
		}
		String requestId = RequestId.current();
		if (requestId != null) {
			headers.set(RequestId.HEADER, requestId);
		}
		String traceparent = TraceParent.current();
		// the client observation may already have propagated the current span
		if (traceparent != null && !headers.containsHeader(TraceParent.HEADER)) {
			headers.set(TraceParent.HEADER, traceparent);
		}
		return execution.execute(request, body);
	}

}
