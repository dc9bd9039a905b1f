package io.emberpay.gateway.edge;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C Trace Context {@code traceparent}. The gateway is one hop of the trace: it keeps
 * the caller's trace id and flags and names itself as the parent span, or starts a new
 * trace when the caller sent none or a malformed one.
 */
final class TraceParent {

	static final String HEADER = "traceparent";

	static final String STATE_HEADER = "tracestate";

	private static final Pattern WELL_FORMED = Pattern
		.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	private static final String INVALID_TRACE_ID = "0".repeat(32);

	private static final String INVALID_SPAN_ID = "0".repeat(16);

	private static final HexFormat HEX = HexFormat.of();

	private TraceParent() {
	}

	/**
	 * The value to send upstream, or {@code null} when {@code incoming} cannot be
	 * continued (then a new trace starts and any {@code tracestate} must be dropped).
	 */
	static String continued(String incoming) {
		if (incoming == null) {
			return null;
		}
		var match = WELL_FORMED.matcher(incoming.trim());
		if (!match.matches() || "ff".equals(match.group(1)) || INVALID_TRACE_ID.equals(match.group(2))
				|| INVALID_SPAN_ID.equals(match.group(3))) {
			return null;
		}
		return "00-" + match.group(2) + "-" + spanId() + "-" + match.group(4);
	}

	/** The trace id inside a well-formed {@code traceparent} value. */
	static String traceId(String traceparent) {
		return traceparent.substring(3, 35);
	}

	static String started() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String traceId = HEX.toHexDigits(random.nextLong() | 1L) + HEX.toHexDigits(random.nextLong());
		return "00-" + traceId + "-" + spanId() + "-01";
	}

	private static String spanId() {
		return HEX.toHexDigits(ThreadLocalRandom.current().nextLong() | 1L);
	}

}
