package io.emberpay.starter.request;

import org.slf4j.MDC;

/**
 * The id of the request being served, as carried in {@code X-Request-Id} and the logs.
 */
public final class RequestId {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "request_id";

	private RequestId() {
	}

	/** The current request id, or {@code null} outside a request. */
	public static String current() {
		return MDC.get(MDC_KEY);
	}

}
