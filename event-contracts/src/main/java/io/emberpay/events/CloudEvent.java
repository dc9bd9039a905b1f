package io.emberpay.events;

import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. {@code traceparent} carries the W3C
 * trace context (CloudEvents distributed-tracing extension) so one payment is one trace
 * across Kafka.
 */
public record CloudEvent(String id, String source, String type, String specversion, Instant time, String subject,
		String datacontenttype, String traceparent, JsonNode data) {

	public static final String SPEC_VERSION = "1.0";

	public CloudEvent {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(time, "time");
		if (!SPEC_VERSION.equals(specversion)) {
			throw new IllegalArgumentException("unsupported CloudEvents specversion " + specversion);
		}
	}

}
