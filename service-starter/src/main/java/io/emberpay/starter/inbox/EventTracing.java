package io.emberpay.starter.inbox;

import java.util.Map;

import io.emberpay.events.CloudEvent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Continues the producer's trace while an event is handled: the CloudEvent's
 * {@code traceparent} becomes the parent of a consumer span, so logs and any events the
 * handler writes carry the same trace id as the API request that started it all.
 */
final class EventTracing {

	private final Tracer tracer;

	private final Propagator propagator;

	EventTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	void within(CloudEvent event, String consumer, Runnable work) {
		if (this.tracer == null || this.propagator == null) {
			work.run();
			return;
		}
		Map<String, String> carrier = (event.traceparent() == null) ? Map.of()
				: Map.of("traceparent", event.traceparent());
		Span span = this.propagator.extract(carrier, Map::get)
			.name("consume " + event.type())
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.consumer.group.name", consumer)
			.tag("messaging.message.id", event.id())
			.start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			work.run();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
