package io.emberpay.starter.web;

import org.slf4j.MDC;

/**
 * The W3C {@code traceparent} of the span in scope, for calls the tracing instrumentation
 * does not see (the JDK HTTP client, outbox events), so one payment stays one trace
 * across every hop.
 */
public final class TraceParent {

	public static final String HEADER = "traceparent";

	private TraceParent() {
	}

	/**
	 * The current span as a {@code traceparent} value, or {@code null} outside a trace.
	 */
	public static String current() {
		String traceId = MDC.get("traceId");
		String spanId = MDC.get("spanId");
		if (traceId == null || spanId == null || traceId.length() != 32 || spanId.length() != 16) {
			return null;
		}
		return "00-" + traceId + "-" + spanId + "-01";
	}

}
