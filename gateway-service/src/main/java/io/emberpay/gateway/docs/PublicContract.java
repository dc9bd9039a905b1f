package io.emberpay.gateway.docs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.emberpay.errors.ErrorCatalogue;
import io.emberpay.gateway.authentication.PublicEndpoints;
import io.emberpay.gateway.versioning.ApiVersions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import org.springframework.http.HttpMethod;

/**
 * Turns a service's generated OpenAPI document into the contract clients see on the wire.
 * springdoc describes the Java types, not what travels: it names fields in camelCase
 * while every service writes snake_case, it knows nothing of the problems an operation
 * answers, nor of the gateway's credentials and version header. Each of those is added
 * here, from the same sources the platform answers from (the error catalogue, the
 * gateway's public endpoints and versions), so the document cannot drift from them.
 */
final class PublicContract {

	static final String PROBLEM_SCHEMA = "Problem";

	static final String USER_TOKEN = "user_token";

	static final String API_KEY = "api_key";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

	private final ErrorCatalogue catalogue;

	PublicContract(ErrorCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	/**
	 * {@code document} (one service's public view) as it behaves behind the gateway: in
	 * place, and returned.
	 */
	ObjectNode describe(String service, ObjectNode document) {
		snakeCaseSchemas(document);
		ObjectNode components = object(document, "components");
		components.remove("securitySchemes");
		document.remove("security");
		Map<Integer, List<ErrorCatalogue.Entry>> problems = problemsOf(service);
		ObjectNode responses = object(components, "responses");
		problems.forEach((status, entries) -> responses.set(responseName(service, status), problem(status, entries)));
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (METHODS.contains(operation.getKey()) && operation.getValue() instanceof ObjectNode op) {
					describeOperation(service, path.getKey(), operation.getKey(), op, problems.keySet());
				}
			}
		}
		return document;
	}

	/** What every merged document has once, whichever services answered. */
	static void addShared(ObjectNode merged) {
		ObjectNode components = object(merged, "components");
		ObjectNode schemes = object(components, "securitySchemes");
		schemes.set(USER_TOKEN,
				NODES.objectNode()
					.put("type", "http")
					.put("scheme", "bearer")
					.put("bearerFormat", "JWT")
					.put("description", "A user's access token from POST /v1/auth/login or /v1/auth/token."));
		schemes.set(API_KEY,
				NODES.objectNode()
					.put("type", "http")
					.put("scheme", "bearer")
					.put("description", "A merchant's secret API key (sk_test_... or sk_live_...), sent as a bearer "
							+ "credential from the merchant's server, never from an app."));
		ArrayNode security = merged.putArray("security");
		security.addObject().putArray(USER_TOKEN);
		security.addObject().putArray(API_KEY);
		ObjectNode schemas = object(components, "schemas");
		schemas.set(PROBLEM_SCHEMA, problemSchema());
	}

	private void describeOperation(String service, String path, String method, ObjectNode operation,
			Set<Integer> statuses) {
		HttpMethod httpMethod = HttpMethod.valueOf(method.toUpperCase(java.util.Locale.ROOT));
		if (PublicEndpoints.takesOptionalUser(httpMethod, path)) {
			// anyone, or a user whose token makes them the new merchant's first admin
			ArrayNode security = operation.putArray("security");
			security.addObject();
			security.addObject().putArray(USER_TOKEN);
		}
		else if (PublicEndpoints.isPublic(httpMethod, path)) {
			operation.putArray("security");
		}
		else {
			operation.remove("security");
		}
		if (path.startsWith("/v1/")) {
			ArrayNode parameters = operation.has("parameters") ? (ArrayNode) operation.get("parameters")
					: operation.putArray("parameters");
			parameters.add(versionParameter());
		}
		ObjectNode responses = object(operation, "responses");
		// springdoc guesses error responses from the exception handlers; the catalogue
		// knows
		Iterator<Map.Entry<String, JsonNode>> declared = responses.properties().iterator();
		while (declared.hasNext()) {
			String status = declared.next().getKey();
			if (status.startsWith("4") || status.startsWith("5") || status.equals("default")) {
				declared.remove();
			}
		}
		for (JsonNode success : responses.values()) {
			if (path.startsWith("/v1/") && success instanceof ObjectNode answer) {
				object(answer, "headers").set(ApiVersions.HEADER,
						NODES.objectNode()
							.put("description", "The API version the answer is in")
							.set("schema", NODES.objectNode().put("type", "string")));
			}
		}
		for (int status : statuses) {
			responses.set(Integer.toString(status),
					NODES.objectNode().put("$ref", "#/components/responses/" + responseName(service, status)));
		}
	}

	private Map<Integer, List<ErrorCatalogue.Entry>> problemsOf(String service) {
		Map<Integer, List<ErrorCatalogue.Entry>> byStatus = new TreeMap<>();
		for (ErrorCatalogue.Entry entry : this.catalogue.entries()) {
			List<String> by = entry.raisedBy();
			if (by.contains("common") || by.contains("gateway") || by.contains(service)) {
				byStatus.computeIfAbsent(entry.status(), (status) -> new ArrayList<>()).add(entry);
			}
		}
		return byStatus;
	}

	static String responseName(String service, int status) {
		return service + "_" + status;
	}

	private static ObjectNode problem(int status, List<ErrorCatalogue.Entry> entries) {
		String codes = entries.stream()
			.map((entry) -> "`" + entry.code() + "` (" + entry.title() + ")")
			.collect(Collectors.joining(", "));
		ObjectNode response = NODES.objectNode();
		response.put("description", "A problem (RFC 9457) with one of these codes: " + codes
				+ ". Each code's meaning and what to do: GET /errors/{code}.");
		ArrayNode list = response.putArray("x-error-codes");
		entries.forEach((entry) -> list.add(entry.code()));
		if (status == 429 || status == 503) {
			object(response, "headers").set("Retry-After",
					NODES.objectNode()
						.put("description", "Seconds to wait before sending the same request again")
						.set("schema", NODES.objectNode().put("type", "integer")));
		}
		ObjectNode content = response.putObject("content").putObject("application/problem+json");
		content.putObject("schema").put("$ref", "#/components/schemas/" + PROBLEM_SCHEMA);
		ErrorCatalogue.Entry first = entries.get(0);
		ObjectNode example = content.putObject("example");
		example.put("type", first.type())
			.put("title", first.title())
			.put("status", status)
			.put("detail", first.meaning())
			.put("code", first.code())
			.put("request_id", "req_7Hc2Q9xLmV3b");
		return response;
	}

	private static ObjectNode problemSchema() {
		ObjectNode schema = NODES.objectNode();
		schema.put("type", "object");
		schema.put("description", "RFC 9457 problem details; code is the stable member to branch on.");
		schema.putArray("required").add("type").add("title").add("status").add("code");
		ObjectNode properties = schema.putObject("properties");
		properties.putObject("type").put("type", "string").put("description", "/errors/{code}");
		properties.putObject("title").put("type", "string");
		properties.putObject("status").put("type", "integer");
		properties.putObject("detail").put("type", "string");
		properties.putObject("instance").put("type", "string");
		properties.putObject("code").put("type", "string").put("description", "One of the catalogue's codes");
		properties.putObject("param")
			.put("type", "string")
			.put("description", "The field, parameter or header at fault");
		properties.putObject("request_id").put("type", "string");
		properties.putObject("decline_code")
			.put("type", "string")
			.put("description", "With card_declined: the issuer's reason, when it gave one");
		properties.putObject("payment")
			.put("type", "string")
			.put("description", "With a declined or failed payment: the id of the payment that was recorded");
		return schema;
	}

	private static ObjectNode versionParameter() {
		ObjectNode parameter = NODES.objectNode();
		parameter.put("name", ApiVersions.HEADER);
		parameter.put("in", "header");
		parameter.put("required", false);
		parameter.put("description", "The dated API version the request is written against; the merchant's "
				+ "pinned version when absent. An unknown version is a 400 invalid_request problem.");
		ObjectNode schema = parameter.putObject("schema");
		schema.put("type", "string");
		ArrayNode versions = schema.putArray("enum");
		ApiVersions.supported().forEach(versions::add);
		return parameter;
	}

	/**
	 * Field names as Jackson's SNAKE_CASE strategy writes them, which every service is
	 * configured with: every schema of the document, components and inline alike.
	 */
	private static void snakeCaseSchemas(ObjectNode document) {
		document.path("components").path("schemas").values().forEach(PublicContract::snakeCase);
		for (JsonNode path : document.path("paths").values()) {
			for (JsonNode operation : path.values()) {
				for (JsonNode parameter : operation.path("parameters")) {
					snakeCase(parameter.path("schema"));
				}
				for (JsonNode media : operation.path("requestBody").path("content").values()) {
					snakeCase(media.path("schema"));
				}
				for (JsonNode response : operation.path("responses").values()) {
					for (JsonNode media : response.path("content").values()) {
						snakeCase(media.path("schema"));
					}
				}
			}
		}
	}

	private static void snakeCase(JsonNode schema) {
		if (!(schema instanceof ObjectNode node)) {
			return;
		}
		if (node.get("properties") instanceof ObjectNode properties) {
			Map<String, JsonNode> renamed = new LinkedHashMap<>();
			properties.properties()
				.forEach((property) -> renamed.put(snakeCase(property.getKey()), property.getValue()));
			properties.removeAll();
			renamed.forEach(properties::set);
			renamed.values().forEach(PublicContract::snakeCase);
		}
		if (node.get("required") instanceof ArrayNode required) {
			List<String> names = new ArrayList<>();
			required.forEach((name) -> names.add(snakeCase(name.asString())));
			required.removeAll();
			names.forEach((name) -> required.add(StringNode.valueOf(name)));
		}
		snakeCase(node.get("items"));
		snakeCase(node.get("additionalProperties"));
		snakeCase(node.get("not"));
		for (String composition : List.of("allOf", "anyOf", "oneOf")) {
			node.path(composition).values().forEach(PublicContract::snakeCase);
		}
	}

	/** Jackson's SNAKE_CASE translation: a run of capitals is one word. */
	static String snakeCase(String name) {
		StringBuilder result = new StringBuilder(name.length() + 4);
		boolean previousUpper = false;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (i == 0 && c == '_') {
				continue;
			}
			if (Character.isUpperCase(c)) {
				if (!previousUpper && result.length() > 0 && result.charAt(result.length() - 1) != '_') {
					result.append('_');
				}
				c = Character.toLowerCase(c);
				previousUpper = true;
			}
			else {
				previousUpper = false;
			}
			result.append(c);
		}
		return result.toString();
	}

	private static ObjectNode object(ObjectNode parent, String name) {
		return (parent.get(name) instanceof ObjectNode existing) ? existing : parent.putObject(name);
	}

}
