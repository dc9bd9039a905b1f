package io.emberpay.notification.webhook;

import java.util.List;
import java.util.function.Consumer;

import io.emberpay.events.EventCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A delivery's body in the API version of its endpoint, as the gateway shapes answers
 * (docs/changelog.md). Events are stored in the first version's shape, the one the
 * platform's events carry, and each later breaking change is applied up to the endpoint's
 * version: an endpoint registered in 2026-12-01 keeps receiving {@code fraud}, one
 * registered in 2026-12-07 receives {@code risk}, as its answers do. Deterministic, so a
 * retry sends the same bytes.
 */
public final class WebhookPayloadVersions {

	/**
	 * The version of a registration that named none (a call that bypassed the gateway).
	 */
	public static final String CURRENT = "2026-12-07";

	/**
	 * 2026-12-07: a payment's fraud assessment is {@code risk}, not {@code fraud}.
	 */
	private static final List<Change> CHANGES = List
		.of(new Change("2026-12-07", (body) -> forEachPayment(body, (payment) -> rename(payment, "fraud", "risk"))));

	private WebhookPayloadVersions() {
	}

	/** {@code version} when it is a dated version, else the current one. */
	public static String pinnable(String version) {
		return (version != null && version.strip().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) ? version.strip() : CURRENT;
	}

	/**
	 * The stored body as an endpoint pinned to {@code version} ({@code null}: the current
	 * one) receives it.
	 */
	public static String shape(String body, String version) {
		String in = (version != null) ? version : CURRENT;
		List<Change> changes = CHANGES.stream().filter((change) -> change.version().compareTo(in) <= 0).toList();
		if (changes.isEmpty()) {
			return body;
		}
		try {
			JsonNode event = EventCodec.json().readTree(body);
			changes.forEach((change) -> change.apply().accept(event.path("data")));
			return EventCodec.json().writeValueAsString(event);
		}
		catch (JacksonException ex) {
			// not JSON (never stored so): sent as it is, still signed
			return body;
		}
	}

	private static void forEachPayment(JsonNode node, Consumer<ObjectNode> action) {
		if (node instanceof ObjectNode object && "payment".equals(object.path("object").asString(null))) {
			action.accept(object);
		}
		if (node != null && node.isContainer()) {
			node.values().forEach((child) -> forEachPayment(child, action));
		}
	}

	private static void rename(ObjectNode object, String from, String to) {
		JsonNode value = object.remove(from);
		if (value != null) {
			object.set(to, value);
		}
	}

	private record Change(String version, Consumer<JsonNode> apply) {
	}

}
