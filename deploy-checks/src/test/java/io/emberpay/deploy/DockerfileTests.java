package io.emberpay.deploy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One image per service: pinned base, layered Boot jar, not root, the service's own port.
 */
class DockerfileTests {

	private static final Pattern FROM = Pattern.compile("(?m)^ARG BASE_IMAGE=(\\S+)$");

	@ParameterizedTest
	@CsvSource({ "gateway-service, 8080", "auth-service, 8081", "payment-service, 8082", "fraud-service, 8083",
			"ledger-service, 8084", "notification-service, 8085", "psp-simulator, 8090" })
	void theImageRunsTheLayeredJarAsNonRootOnAPinnedRuntime(String module, int port) {
		String dockerfile = RepositoryFiles.read(module + "/Dockerfile");
		Matcher base = FROM.matcher(dockerfile);
		assertThat(base.find()).as("%s declares its base image", module).isTrue();
		assertThat(base.group(1)).as("a JRE 21+ pinned to an exact release or digest")
			.matches("eclipse-temurin:(2[1-9]|[3-9][0-9])\\.\\d+\\.\\d+[^:]*-jre[^:]*(@sha256:[0-9a-f]{64})?");
		assertThat(dockerfile).contains("COPY target/" + module + "-0.1.0-SNAPSHOT-exec.jar app.jar")
			.contains("-Djarmode=tools -jar app.jar extract --layers --launcher")
			.contains("org.springframework.boot.loader.launch.JarLauncher")
			.containsPattern("(?m)^USER 65532:65532$")
			.containsPattern("(?m)^EXPOSE " + port + "$")
			.doesNotContainPattern("(?m)^HEALTHCHECK");
		List<String> layers = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
		int previous = -1;
		for (String layer : layers) {
			int at = dockerfile.indexOf("/build/extracted/" + layer + "/");
			assertThat(at).as("%s copies layer %s after the ones that change less", module, layer)
				.isGreaterThan(previous);
			previous = at;
		}
		Object configured = serverPort(module);
		if (configured != null) {
			assertThat(configured).as("%s server.port", module).isEqualTo(port);
		}
	}

	@ParameterizedTest
	@CsvSource({ "gateway-service", "auth-service", "payment-service", "fraud-service", "ledger-service",
			"notification-service", "psp-simulator" })
	void jibBuildsTheSameImageAsTheDockerfile(String module) throws Exception {
		Element jib = jibPlugin();
		String dockerfile = RepositoryFiles.read(module + "/Dockerfile");
		Matcher base = FROM.matcher(dockerfile);
		assertThat(base.find()).isTrue();
		assertThat(text(jib, "configuration", "from", "image")).as("Jib base image").isEqualTo(base.group(1));
		assertThat(dockerfile)
			.containsPattern("(?m)^USER " + Pattern.quote(text(jib, "configuration", "container", "user")) + "$");
		NodeList flags = jib.getElementsByTagName("jvmFlag");
		assertThat(flags.getLength()).isPositive();
		for (int i = 0; i < flags.getLength(); i++) {
			assertThat(dockerfile).as("the Dockerfile's java command")
				.contains("\"" + flags.item(i).getTextContent() + "\"");
		}
		assertThat(jib.getElementsByTagName("version").item(0).getTextContent()).as("Jib plugin version is pinned")
			.matches("\\d+\\.\\d+\\.\\d+");
	}

	private static Element jibPlugin() throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document pom = factory.newDocumentBuilder().parse(RepositoryFiles.resolve("pom.xml").toFile());
		NodeList plugins = pom.getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			Element plugin = (Element) plugins.item(i);
			if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
				return plugin;
			}
		}
		throw new AssertionError("the root pom manages no jib-maven-plugin");
	}

	/** The text of the first element at a path of child tag names. */
	private static String text(Element from, String... path) {
		Element current = from;
		for (String tag : path) {
			Element next = null;
			for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child instanceof Element element && element.getTagName().equals(tag)) {
					next = element;
					break;
				}
			}
			if (next == null) {
				return null;
			}
			current = next;
		}
		return current.getTextContent().trim();
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
