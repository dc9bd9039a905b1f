package io.emberpay.gateway.versioning;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The breaking changes between versions, each with how to answer in the shape before it.
 * The services answer in the current version; a request in an older one gets every later
 * change undone, newest first, so a pinned client keeps the shape it was written against.
 */
final class VersionChanges {

	/**
	 * 2026-12-07: a payment's fraud assessment is {@code risk}, not {@code fraud}: it now
	 * holds the acquirer's view as well as ours (docs/changelog.md).
	 */
	static final Change PAYMENT_RISK = new Change("2026-12-07", "payment.fraud is renamed payment.risk",
			(body) -> forEachPayment(body, (payment) -> rename(payment, "risk", "fraud")));

	private static final List<Change> ALL = List.of(PAYMENT_RISK);

	private VersionChanges() {
	}

	/** The changes a request in {@code version} must have undone, newest first. */
	static List<Change> after(String version) {
		return ALL.stream()
			.filter((change) -> change.version().compareTo(version) > 0)
			.sorted(Comparator.comparing(Change::version).reversed())
			.toList();
	}

	/**
	 * Every payment object in an answer: the answer itself, a list's items, nested ones.
	 */
	private static void forEachPayment(JsonNode node, Consumer<ObjectNode> action) {
		if (node instanceof ObjectNode object) {
			if ("payment".equals(object.path("object").asString(null))) {
				action.accept(object);
			}
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

	/**
	 * One breaking change: the version it came in, what it was, and how to give an answer
	 * the shape it had before (in place).
	 */
	record Change(String version, String summary, Consumer<JsonNode> undo) {
	}

}
