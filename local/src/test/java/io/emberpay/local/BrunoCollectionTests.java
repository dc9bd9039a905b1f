package io.emberpay.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bruno collection (docs/bruno) stays runnable: every request file has the blocks
 * Bruno needs, and calls an operation docs/openapi.yaml has, with the headers it
 * requires.
 */
class BrunoCollectionTests {

	private static final Pattern REQUEST = Pattern
		.compile("(?m)^(get|post|put|patch|delete) \\{\\s*\\n\\s*url: \\{\\{baseUrl}}(\\S+)");

	private static final Pattern SEQ = Pattern.compile("(?m)^\\s*seq: (\\d+)$");

	private static final Pattern VARIABLE = Pattern.compile("\\{\\{[A-Za-z]+}}");

	@Test
	void everyRequestCallsADocumentedOperationWithTheHeadersItRequires() throws IOException {
		Path collection = OpenApiDocument.committed().getParent().resolve("bruno");
		JsonNode paths = YAMLMapper.builder().build().readTree(OpenApiDocument.committed().toFile()).path("paths");
		List<Path> files;
		try (Stream<Path> listing = Files.list(collection)) {
			files = listing.filter(file -> file.toString().endsWith(".bru")).sorted().toList();
		}
		Set<String> sequence = new HashSet<>();
		List<String> problems = new ArrayList<>();
		for (Path file : files) {
			String text = Files.readString(file);
			Matcher request = REQUEST.matcher(text);
			Matcher seq = SEQ.matcher(text);
			if (!text.startsWith("meta {") || !request.find() || !seq.find() || !sequence.add(seq.group(1))) {
				problems.add(file.getFileName() + ": needs a meta block with a unique seq and one request block");
				continue;
			}
			String method = request.group(1);
			JsonNode operation = operation(paths, request.group(2)).path(method);
			if (operation.isMissingNode()) {
				problems.add(file.getFileName() + ": " + method.toUpperCase(Locale.ROOT) + " " + request.group(2)
						+ " is not an operation of docs/openapi.yaml");
				continue;
			}
			for (JsonNode parameter : operation.path("parameters")) {
				if (parameter.path("in").asString().equals("header") && parameter.path("required").asBoolean()
						&& !text.contains("\n  " + parameter.path("name").asString() + ": ")) {
					problems.add(file.getFileName() + ": lacks the required " + parameter.path("name").asString());
				}
			}
		}

		assertThat(files).hasSizeGreaterThanOrEqualTo(10);
		assertThat(problems).isEmpty();
	}

	/**
	 * The path item whose template matches {@code url}, Bruno's variables standing for
	 * parameters.
	 */
	private static JsonNode operation(JsonNode paths, String url) {
		String[] segments = url.split("/");
		for (var entry : paths.properties()) {
			String[] template = entry.getKey().split("/");
			if (template.length != segments.length) {
				continue;
			}
			boolean matches = true;
			for (int i = 0; i < template.length && matches; i++) {
				boolean parameter = template[i].startsWith("{") && VARIABLE.matcher(segments[i]).matches();
				matches = parameter || template[i].equals(segments[i]);
			}
			if (matches) {
				return entry.getValue();
			}
		}
		return paths.path(url);
	}

}
