package io.emberpay.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml, which the clients are generated from, asks a client only for what a
 * client can send: every parameter in the path, the query or a header, a string, number,
 * boolean or list of them. An object there is a server-side argument that leaked into the
 * document (as the injected {@code Caller} once did, as a required query parameter of
 * every authenticated operation), and the generated clients would not compile or would
 * ask their users for it.
 */
class ClientContractTests {

	private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");

	@Test
	void everyParameterIsAScalarOrAListOfScalarsAClientCanSend() throws Exception {
		JsonNode document = YAMLMapper.builder().build().readTree(Files.readString(Path.of("../docs/openapi.yaml")));
		List<String> unsendable = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				for (JsonNode parameter : operation.getValue().path("parameters")) {
					JsonNode schema = parameter.path("schema");
					JsonNode element = "array".equals(schema.path("type").asString()) ? schema.path("items") : schema;
					boolean sendable = Set.of("path", "query", "header").contains(parameter.path("in").asString())
							&& SCALARS.contains(element.path("type").asString());
					if (!sendable) {
						unsendable.add(operation.getKey() + " " + path.getKey() + ": " + parameter);
					}
				}
			}
		}

		assertThat(unsendable).isEmpty();
		assertThat(document.path("components").path("schemas").has("Caller")).isFalse();
	}

}
