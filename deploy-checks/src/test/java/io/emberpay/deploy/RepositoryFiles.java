package io.emberpay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The checked-out repository the deployment files live in, found from the module's
 * working directory, and YAML reading for them.
 */
final class RepositoryFiles {

	private static final Path ROOT = findRoot();

	private RepositoryFiles() {
	}

	static Path root() {
		return ROOT;
	}

	static Path resolve(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(resolve(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> readYaml(String relative) {
		return yaml().load(read(relative));
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> readYamlDocuments(String content) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : yaml().loadAll(content)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	private static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(options);
	}

	private static Path findRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isDirectory(dir.resolve("k8s")) && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException(
				"No repository root (a folder with k8s/ and docker-compose.yml) above " + Path.of("").toAbsolutePath());
	}

}
