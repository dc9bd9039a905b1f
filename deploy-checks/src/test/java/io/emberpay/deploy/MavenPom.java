package io.emberpay.deploy;

import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pom.xml of the repository, read as XML: enough to see which jar a module builds and
 * how the root pom configures the plugins the images depend on.
 */
final class MavenPom {

	private static final String[] REPACKAGE_CLASSIFIER = { "executions", "execution", "configuration", "classifier" };

	private final Element project;

	private MavenPom(Element project) {
		this.project = project;
	}

	static MavenPom read(String relative) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return new MavenPom(factory.newDocumentBuilder()
				.parse(RepositoryFiles.resolve(relative).toFile())
				.getDocumentElement());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + relative, ex);
		}
	}

	/**
	 * The runnable jar a service module's {@code package} leaves in its target folder:
	 * the Spring Boot repackage, under the classifier the root pom gives it. Fails when
	 * the module does not repackage at all, so an image would have no jar to copy.
	 * @param module the module folder
	 * @return the jar's path relative to the repository root
	 */
	static String runnableJar(String module) {
		MavenPom pom = read(module + "/pom.xml");
		Element own = pom.plugin("spring-boot-maven-plugin", "build", "plugins")
			.orElseThrow(
					() -> new AssertionError(module + " repackages no runnable jar (no spring-boot-maven-plugin)"));
		Element managed = read("pom.xml").plugin("spring-boot-maven-plugin", "build", "pluginManagement", "plugins")
			.orElseThrow(() -> new AssertionError("the root pom manages no spring-boot-maven-plugin"));
		String classifier = Optional.ofNullable(text(own, REPACKAGE_CLASSIFIER))
			.orElseGet(() -> text(managed, REPACKAGE_CLASSIFIER));
		assertThat(classifier).as("%s keeps the plain jar and classifies the runnable one", module).isNotBlank();
		return module + "/target/" + pom.artifactId() + "-" + pom.version() + "-" + classifier + ".jar";
	}

	String artifactId() {
		return text(this.project, "artifactId");
	}

	/** The module's own version, else the one it inherits from its parent. */
	String version() {
		String own = text(this.project, "version");
		return (own != null) ? own : text(this.project, "parent", "version");
	}

	/**
	 * A plugin of this pom.
	 * @param artifactId the plugin's artifactId
	 * @param plugins the path of tag names down to the {@code plugins} element to look in
	 * @return the plugin element, if present
	 */
	Optional<Element> plugin(String artifactId, String... plugins) {
		Element list = element(this.project, plugins);
		if (list == null) {
			return Optional.empty();
		}
		for (Node child = list.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element plugin && artifactId.equals(text(plugin, "artifactId"))) {
				return Optional.of(plugin);
			}
		}
		return Optional.empty();
	}

	/** The trimmed text of the first element at a path of child tag names, or null. */
	static String text(Element from, String... path) {
		Element found = element(from, path);
		return (found != null) ? found.getTextContent().trim() : null;
	}

	private static Element element(Element from, String... path) {
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
		return current;
	}

}
