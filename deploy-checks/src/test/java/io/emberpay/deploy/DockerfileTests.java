package io.emberpay.deploy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Dockerfile for every service, parameterised by the module folder and its port:
 * pinned base, layered Boot jar, not root; each service's build arguments name its own
 * runnable jar and port.
 */
class DockerfileTests {

	private static final String DOCKERFILE = RepositoryFiles.read("Dockerfile");

	private static final Pattern BASE = Pattern.compile("(?m)^ARG BASE_IMAGE=(\\S+)$");

	private static final Pattern COPY_JAR = Pattern.compile("(?m)^COPY (\\S+) app\\.jar$");

	@Test
	void theImageRunsTheLayeredJarAsNonRootOnAPinnedRuntime() {
		assertThat(baseImage()).as("a JRE 21+ pinned to an exact release or digest")
			.matches("eclipse-temurin:(2[1-9]|[3-9][0-9])\\.\\d+\\.\\d+[^:]*-jre[^:]*(@sha256:[0-9a-f]{64})?");
		List<String> stages = stages();
		assertThat(stages).as("an extraction stage and the runtime stage, both on the pinned base").hasSize(2);
		String extraction = stages.get(0);
		String runtime = stages.get(1);
		assertThat(extraction).startsWith("FROM ${BASE_IMAGE} AS layers\n")
			.containsPattern("(?s)\nARG MODULE\n.*\nCOPY \\$\\{MODULE}/")
			.contains("-Djarmode=tools -jar app.jar extract --layers --launcher");
		assertThat(runtime).as("the runtime stage declares PORT itself: build arguments are per stage")
			.startsWith("FROM ${BASE_IMAGE}\n")
			.containsPattern("(?s)\nARG PORT\n.*\nEXPOSE \\$\\{PORT}\n")
			.containsPattern("(?m)^USER 65532:65532$")
			.contains("org.springframework.boot.loader.launch.JarLauncher")
			.doesNotContainPattern("(?m)^HEALTHCHECK");
		List<String> layers = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
		int previous = -1;
		for (String layer : layers) {
			int at = runtime.indexOf("COPY --from=layers /build/extracted/" + layer + "/ ./");
			assertThat(at).as("layer %s is copied after the ones that change less", layer).isGreaterThan(previous);
			previous = at;
		}
	}

	@Test
	void anImageBuiltWithoutNamingItsServiceFailsInsteadOfGuessing() {
		assertThat(DOCKERFILE).as("MODULE and PORT have no default")
			.containsPattern("(?m)^ARG MODULE$")
			.containsPattern("(?m)^ARG PORT$")
			.doesNotContainPattern("(?m)^ARG (MODULE|PORT)=");
		assertThat(DOCKERFILE).containsPattern("(?m)^RUN test -n \"\\$\\{MODULE}\" && test -n \"\\$\\{PORT}\"");
	}

	@Test
	void theBuildContextIsTheRepositoryButOnlyTheRunnableJarsAreSent() {
		List<String> rules = RepositoryFiles.read(".dockerignore")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(rules).as("everything is ignored first: no .git, sources or .env with secrets in the context")
			.first()
			.isEqualTo("*");
		assertThat(rules.subList(1, rules.size())).as("then only runnable jars are let back in")
			.isNotEmpty()
			.allMatch((rule) -> rule.startsWith("!") && rule.endsWith("-exec.jar"));
	}

	@ParameterizedTest
	@CsvSource({ "gateway-service, 8080", "auth-service, 8081", "payment-service, 8082", "fraud-service, 8083",
			"ledger-service, 8084", "notification-service, 8085", "subscription-service, 8086", "psp-simulator, 8090" })
	void eachServiceBuildsTheImageFromItsOwnJarAndPort(String module, int port) {
		Map<String, Object> args = Fields
			.map(Fields.at(RepositoryFiles.readYaml("docker-compose.yml"), "services", module, "build", "args"));
		assertThat(args).as("%s build arguments in docker-compose.yml", module)
			.containsEntry("MODULE", module)
			.containsEntry("PORT", String.valueOf(port));
		Matcher copy = COPY_JAR.matcher(DOCKERFILE);
		assertThat(copy.find()).as("the Dockerfile copies the runnable jar").isTrue();
		assertThat(copy.group(1).replace("${MODULE}", module)).as("the jar %s's package builds", module)
			.isEqualTo(MavenPom.runnableJar(module));
		Object configured = serverPort(module);
		if (configured != null) {
			assertThat(configured).as("%s server.port", module).isEqualTo(port);
		}
	}

	@Test
	void jibBuildsTheSameImageAsTheDockerfile() {
		Element jib = MavenPom.read("pom.xml")
			.plugin("jib-maven-plugin", "build", "pluginManagement", "plugins")
			.orElseThrow(() -> new AssertionError("the root pom manages no jib-maven-plugin"));
		assertThat(MavenPom.text(jib, "configuration", "from", "image")).as("Jib base image").isEqualTo(baseImage());
		assertThat(DOCKERFILE).containsPattern(
				"(?m)^USER " + Pattern.quote(MavenPom.text(jib, "configuration", "container", "user")) + "$");
		NodeList flags = jib.getElementsByTagName("jvmFlag");
		assertThat(flags.getLength()).isPositive();
		for (int i = 0; i < flags.getLength(); i++) {
			assertThat(DOCKERFILE).as("the Dockerfile's java command")
				.contains("\"" + flags.item(i).getTextContent() + "\"");
		}
		assertThat(MavenPom.text(jib, "version")).as("Jib plugin version is pinned").matches("\\d+\\.\\d+\\.\\d+");
	}

	private static String baseImage() {
		Matcher base = BASE.matcher(DOCKERFILE);
		assertThat(base.find()).as("the Dockerfile declares its base image").isTrue();
		return base.group(1);
	}

	/** The Dockerfile's build stages, each from its FROM line to the next one. */
	private static List<String> stages() {
		String[] parts = DOCKERFILE.split("(?m)^(?=FROM )");
		return List.of(parts).subList(1, parts.length);
	}

	private static Object serverPort(String module) {
		String yml = module + "/src/main/resources/application.yml";
		if (!RepositoryFiles.resolve(yml).toFile().isFile()) {
			return null;
		}
		Object port = Fields.at(RepositoryFiles.readYaml(yml), "server", "port");
		// "${SOME_PORT:8090}": the default is what the image runs with
		Matcher placeholder = Pattern.compile("\\$\\{[^:}]+:(\\d+)}").matcher(String.valueOf(port));
		return placeholder.matches() ? Integer.valueOf(placeholder.group(1)) : port;
	}

}
