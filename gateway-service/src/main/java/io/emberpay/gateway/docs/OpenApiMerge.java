package io.emberpay.gateway.docs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges the services' OpenAPI documents into the one public API document: internal paths
 * removed, every path served from the gateway, and a component name two services use for
 * different things renamed after its service (with every {@code $ref} to it rewritten),
 * so no service's schema silently replaces another's.
 */
final class OpenApiMerge {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final List<String> COMPONENT_SECTIONS = List.of("schemas", "responses", "parameters", "examples",
			"requestBodies", "headers", "securitySchemes", "links", "callbacks");

	private OpenApiMerge() {
	}

	/** The public part of one service's document, as served through the gateway. */
	static ObjectNode publicView(JsonNode document) {
		if (!(document instanceof ObjectNode object)) {
			throw new IllegalArgumentException("An OpenAPI document is a JSON object");
		}
		ObjectNode view = object.deepCopy();
		view.set("servers", NODES.arrayNode().add(NODES.objectNode().put("url", "/")));
		JsonNode paths = view.path("paths");
		if (paths instanceof ObjectNode pathMap) {
			List<String> internal = pathMap.propertyNames().stream().filter(OpenApiMerge::isInternal).toList();
			internal.forEach(pathMap::remove);
		}
		return view;
	}

	/**
	 * One document for all {@code documents} (service name to its document), each
	 * described by {@code contract} as it behaves behind the gateway.
	 */
	static ObjectNode merge(Map<String, JsonNode> documents, List<String> unavailable, PublicContract contract) {
		ObjectNode merged = NODES.objectNode();
		merged.put("openapi", "3.1.0");
		merged.set("info",
				NODES.objectNode()
					.put("title", "Emberpay API")
					.put("version", "v1")
					.put("description", "Every public endpoint of the platform, served through the gateway."));
		merged.set("servers", NODES.arrayNode().add(NODES.objectNode().put("url", "/")));
		ObjectNode paths = merged.putObject("paths");
		ObjectNode components = merged.putObject("components");
		ArrayNode tags = merged.putArray("tags");
		Map<String, Boolean> seenTags = new HashMap<>();
		documents.forEach((service, raw) -> {
			ObjectNode document = contract.describe(service, publicView(raw));
			Map<String, String> renames = renames(service, document.path("components"), components);
			rewriteRefs(document, renames);
			copyComponents(document.path("components"), components, renames);
			qualifyOperationIds(service, document.path("paths"));
			document.path("paths").properties().forEach(path -> {
				JsonNode existing = paths.get(path.getKey());
				if (existing instanceof ObjectNode operations) {
					path.getValue().properties().forEach(op -> operations.set(op.getKey(), op.getValue()));
				}
				else {
					paths.set(path.getKey(), path.getValue());
				}
			});
			for (JsonNode tag : document.path("tags")) {
				if (seenTags.putIfAbsent(tag.path("name").asString(), true) == null) {
					tags.add(tag);
				}
			}
			if (!merged.has("security") && document.has("security")) {
				merged.set("security", document.get("security"));
			}
		});
		PublicContract.addShared(merged);
		if (!unavailable.isEmpty()) {
			ArrayNode missing = merged.putArray("x-unavailable-services");
			unavailable.forEach(missing::add);
		}
		return merged;
	}

	/**
	 * Each service names its operations after its controller methods ({@code list},
	 * {@code get}), which repeat across services; an operation id must be unique in the
	 * merged document (clients are generated from it), so each is qualified by its
	 * service: payment's {@code list} becomes {@code paymentList}.
	 */
	private static void qualifyOperationIds(String service, JsonNode paths) {
		for (JsonNode operations : paths) {
			for (JsonNode operation : operations) {
				String id = operation.path("operationId").asString("");
				if (operation instanceof ObjectNode named && !id.isEmpty()) {
					named.put("operationId", service + Character.toUpperCase(id.charAt(0)) + id.substring(1));
				}
			}
		}
	}

	private static boolean isInternal(String path) {
		return path.equals("/internal") || path.startsWith("/internal/");
	}

	/**
	 * Component names of {@code service} that clash with a different one already merged.
	 */
	private static Map<String, String> renames(String service, JsonNode incoming, ObjectNode merged) {
		Map<String, String> renames = new LinkedHashMap<>();
		String prefix = service.substring(0, 1).toUpperCase(Locale.ROOT) + service.substring(1);
		for (String section : COMPONENT_SECTIONS) {
			JsonNode mergedSection = merged.path(section);
			incoming.path(section).properties().forEach(entry -> {
				JsonNode existing = mergedSection.get(entry.getKey());
				if (existing != null && !existing.equals(entry.getValue())) {
					renames.put("#/components/" + section + "/" + entry.getKey(),
							"#/components/" + section + "/" + prefix + entry.getKey());
				}
			});
		}
		return renames;
	}

	private static void copyComponents(JsonNode incoming, ObjectNode merged, Map<String, String> renames) {
		for (String section : COMPONENT_SECTIONS) {
			incoming.path(section).properties().forEach(entry -> {
				String reference = "#/components/" + section + "/" + entry.getKey();
				String name = renames.getOrDefault(reference, reference)
					.substring(("#/components/" + section + "/").length());
				ObjectNode target = merged.has(section) ? (ObjectNode) merged.get(section) : merged.putObject(section);
				target.set(name, entry.getValue());
			});
		}
	}

	private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
		if (renames.isEmpty()) {
			return;
		}
		if (node instanceof ObjectNode object) {
			JsonNode ref = object.get("$ref");
			if (ref != null && ref.isString() && renames.containsKey(ref.asString())) {
				object.set("$ref", StringNode.valueOf(renames.get(ref.asString())));
			}
			object.values().forEach(child -> rewriteRefs(child, renames));
		}
		else if (node instanceof ArrayNode array) {
			array.values().forEach(child -> rewriteRefs(child, renames));
		}
	}

}
