package io.emberpay.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * docs/openapi.yaml: where it is, and the one way a document is written there, with every
 * key in order so that a regenerated file differs only where the API did.
 */
final class OpenApiDocument {

	private static final YAMLMapper YAML = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.build();

	private OpenApiDocument() {
	}

	static Path committed() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs")))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
		}
		return dir.resolve("docs/openapi.yaml");
	}

	static String yaml(JsonNode document) {
		return YAML.writeValueAsString(sorted(document));
	}

	private static JsonNode sorted(JsonNode node) {
		if (node instanceof ObjectNode object) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			List<String> names = new ArrayList<>(object.propertyNames());
			Collections.sort(names);
			names.forEach(name -> copy.set(name, sorted(object.get(name))));
			return copy;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			array.forEach(element -> copy.add(sorted(element)));
			return copy;
		}
		return node;
	}

}
