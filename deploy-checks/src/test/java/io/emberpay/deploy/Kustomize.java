package io.emberpay.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the same renderer ops use
 * ({@code kubectl apply -k}). Results are cached per directory for the test run.
 */
final class Kustomize {

	private static final Map<String, List<Manifest>> RENDERED = new ConcurrentHashMap<>();

	private Kustomize() {
	}

	/**
	 * Renders a kustomization folder.
	 * @param relative the folder, relative to the repository root (e.g.
	 * {@code k8s/overlays/prod})
	 * @return every object of the output, in order
	 */
	static List<Manifest> render(String relative) {
		return RENDERED.computeIfAbsent(relative, Kustomize::run);
	}

	private static List<Manifest> run(String relative) {
		Path dir = RepositoryFiles.resolve(relative);
		try {
			Path output = Files.createTempFile("kustomize-", ".yaml");
			Process process = new ProcessBuilder(kubectl(), "kustomize", dir.toString()).redirectOutput(output.toFile())
				.redirectErrorStream(false)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("kubectl kustomize " + relative + " did not finish within 60 s");
			}
			String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException("kubectl kustomize " + relative + " failed: " + errors);
			}
			String yaml = Files.readString(output);
			Files.delete(output);
			return RepositoryFiles.readYamlDocuments(yaml).stream().map(Manifest::new).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("kubectl is needed to render the kustomize overlays (it embeds kustomize): "
					+ "install it (e.g. apt-get install kubectl, or the binary from the Kubernetes release) "
					+ "or set KUBECTL to its path. Cause: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while rendering " + relative, ex);
		}
	}

	private static String kubectl() {
		String configured = System.getenv("KUBECTL");
		return (configured != null && !configured.isBlank()) ? configured : "kubectl";
	}

}
