package io.emberpay.events;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.emberpay.events.auth.AuthEvent;
import io.emberpay.events.dispute.DisputeEvent;
import io.emberpay.events.fraud.FraudEvent;
import io.emberpay.events.ledger.LedgerEvent;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.events.payout.PayoutEvent;
import io.emberpay.events.subscription.EntitlementEvent;
import io.emberpay.events.subscription.InvoiceEvent;
import io.emberpay.events.subscription.SubscriptionEvent;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns event records into CloudEvents JSON and back. Event data uses snake_case like the
 * public API, so a webhook can forward {@code data} unchanged.
 */
public final class EventCodec {

	public static final String CONTENT_TYPE = "application/cloudevents+json";

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	private static final Map<String, Class<? extends PlatformEvent>> TYPES = new HashMap<>();

	static {
		Stream
			.of(PaymentEvent.class, PayoutEvent.class, DisputeEvent.class, AuthEvent.class, FraudEvent.class,
					LedgerEvent.class, SubscriptionEvent.class, InvoiceEvent.class, EntitlementEvent.class)
			.flatMap(family -> Stream.of(family.getPermittedSubclasses()))
			.forEach(type -> register(type.asSubclass(PlatformEvent.class)));
	}

	private EventCodec() {
	}

	private static void register(Class<? extends PlatformEvent> type) {
		Class<? extends PlatformEvent> previous = TYPES.put(typeOf(type), type);
		if (previous != null) {
			throw new IllegalStateException("event type " + typeOf(type) + " used twice");
		}
	}

	public static String typeOf(Class<? extends PlatformEvent> type) {
		EventType annotation = type.getAnnotation(EventType.class);
		if (annotation == null) {
			throw new IllegalStateException(type + " lacks @EventType");
		}
		return annotation.value();
	}

	public static CloudEvent envelope(String source, PlatformEvent event, String traceparent) {
		return new CloudEvent(event.eventId(), source, typeOf(event.getClass()), CloudEvent.SPEC_VERSION,
				event.occurredAt(), event.aggregateId(), "application/json", traceparent, JSON.valueToTree(event));
	}

	public static String toJson(CloudEvent event) {
		return JSON.writeValueAsString(event);
	}

	public static CloudEvent parse(String json) {
		return JSON.readValue(json, CloudEvent.class);
	}

	/**
	 * The typed event inside an envelope, or {@code null} for a type this build does not
	 * know.
	 */
	public static PlatformEvent decode(CloudEvent event) {
		Class<? extends PlatformEvent> type = TYPES.get(event.type());
		return (type == null) ? null : JSON.treeToValue(event.data(), type);
	}

	public static JsonNode tree(Object value) {
		return JSON.valueToTree(value);
	}

	public static JsonMapper json() {
		return JSON;
	}

}
