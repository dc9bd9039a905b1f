package io.emberpay.starter.internal;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpExchangeAdapterDecorator;
import org.springframework.web.service.invoker.HttpRequestValues;

/**
 * Turns RestClient's exceptions into the three failures callers tell apart: refused with
 * a status (and the callee's problem), timed out, or unreachable.
 */
final class InternalCallFailures extends HttpExchangeAdapterDecorator {

	private final String service;

	private final Duration timeout;

	InternalCallFailures(HttpExchangeAdapter delegate, String service, Duration timeout) {
		super(delegate);
		this.service = service;
		this.timeout = timeout;
	}

	@Override
	public void exchange(HttpRequestValues values) {
		translate(() -> {
			super.exchange(values);
			return null;
		});
	}

	@Override
	public HttpHeaders exchangeForHeaders(HttpRequestValues values) {
		return translate(() -> super.exchangeForHeaders(values));
	}

	@Override
	public <T> T exchangeForBody(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		return translate(() -> super.exchangeForBody(values, bodyType));
	}

	@Override
	public ResponseEntity<Void> exchangeForBodilessEntity(HttpRequestValues values) {
		return translate(() -> super.exchangeForBodilessEntity(values));
	}

	@Override
	public <T> ResponseEntity<T> exchangeForEntity(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		return translate(() -> super.exchangeForEntity(values, bodyType));
	}

	private <T> T translate(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RestClientResponseException ex) {
			throw ServiceRefused.of(this.service, ex);
		}
		catch (ResourceAccessException ex) {
			if (timedOut(ex)) {
				throw new ServiceTimedOut(this.service, "no answer within " + this.timeout.toMillis() + " ms", ex);
			}
			throw new ServiceUnreachable(this.service, describe(ex), ex);
		}
		catch (RestClientException ex) {
			throw new ServiceUnreachable(this.service, "answered with a body that cannot be read", ex);
		}
	}

	private static boolean timedOut(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static String describe(ResourceAccessException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
