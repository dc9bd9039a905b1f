package io.emberpay.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates rendered objects offline against the JSON schema of their kind, vendored
 * under {@code src/test/resources/schemas}: the Kubernetes kinds strict (unknown fields
 * rejected, as the API server's strict field validation does; see
 * {@code scripts/vendor-k8s-schemas.py}), the operators' custom resources structurally
 * ({@code schemas/crd}).
 */
final class KubernetesSchemas {

	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Map<String, Optional<JsonSchema>> SCHEMAS = new ConcurrentHashMap<>();

	private KubernetesSchemas() {
	}

	/**
	 * Validates one object.
	 * @param manifest the object
	 * @return the violations, empty when valid
	 * @throws IllegalArgumentException when no schema is vendored for the object's kind
	 */
	static List<String> violations(Manifest manifest) {
		JsonSchema schema = schemaFor(manifest.apiVersion(), manifest.kind())
			.orElseThrow(() -> new IllegalArgumentException("No schema vendored for " + manifest.apiVersion() + " "
					+ manifest.kind() + " (" + manifest.id() + "): add one under src/test/resources/schemas"));
		return schema.validate(JSON.valueToTree(manifest.content()))
			.stream()
			.map(ValidationMessage::getMessage)
			.sorted()
			.toList();
	}

	static Optional<JsonSchema> schemaFor(String apiVersion, String kind) {
		return SCHEMAS.computeIfAbsent(apiVersion + "/" + kind, (key) -> load(apiVersion, kind));
	}

	private static Optional<JsonSchema> load(String apiVersion, String kind) {
		String groupVersion = apiVersion.replace("/", "-");
		for (String candidate : List.of(groupVersion.replace(".k8s.io", "") + "-" + kind,
				"crd/" + groupVersion + "-" + kind)) {
			try (InputStream in = KubernetesSchemas.class.getResourceAsStream("/schemas/" + candidate + ".json")) {
				if (in != null) {
					return Optional.of(FACTORY.getSchema(in));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return Optional.empty();
	}

}
