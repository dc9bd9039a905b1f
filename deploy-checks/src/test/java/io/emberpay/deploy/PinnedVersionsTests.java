package io.emberpay.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version pinned in the root pom is the one the build resolves: the enforcer's
 * {@code pinned-versions} rule bans any other version of each pinned library, so a BOM or
 * a transitive dependency overriding a pin fails the build instead of shipping silently
 * (as Spring Cloud's BOM once did with resilience4j: pinned 2.4.0, resolved 2.3.0).
 */
class PinnedVersionsTests {

	/**
	 * Pins of a whole release train, whose artifacts carry versions of their own: the
	 * train is what is pinned, so there is no single version to enforce.
	 */
	private static final Set<String> RELEASE_TRAINS = Set.of("spring-cloud.version");

	@Test
	void everyVersionPinnedInTheRootPomIsEnforcedAsTheResolvedOne() {
		String pom = RepositoryFiles.read("pom.xml");
		String rule = section(pom, "<id>pinned-versions</id>", "</execution>");
		Set<String> pins = pinsUsedIn(section(pom, "<dependencyManagement>", "</dependencyManagement>"));

		assertThat(pins).contains("resilience4j.version", "springdoc.version");
		for (String pin : pins) {
			if (!RELEASE_TRAINS.contains(pin)) {
				assertThat(rule).as("the pinned-versions rule enforces ${%s}", pin)
					.contains(":${" + pin + "}</include>");
			}
		}
	}

	@Test
	void resilience4jIsImportedBeforeTheSpringCloudBomThatManagesItToo() {
		String managed = section(RepositoryFiles.read("pom.xml"), "<dependencyManagement>", "</dependencyManagement>");

		assertThat(managed.indexOf("<artifactId>resilience4j-bom</artifactId>")).isNotNegative()
			.isLessThan(managed.indexOf("<artifactId>spring-cloud-dependencies</artifactId>"));
	}

	private static Set<String> pinsUsedIn(String text) {
		Set<String> pins = new LinkedHashSet<>();
		Matcher reference = Pattern.compile("\\$\\{([a-z0-9.-]+\\.version)}").matcher(text);
		while (reference.find()) {
			if (!reference.group(1).startsWith("project.")) {
				pins.add(reference.group(1));
			}
		}
		return pins;
	}

	private static String section(String text, String from, String to) {
		int start = text.indexOf(from);
		assertThat(start).as("%s in the root pom", from).isNotNegative();
		return text.substring(start, text.indexOf(to, start));
	}

}
