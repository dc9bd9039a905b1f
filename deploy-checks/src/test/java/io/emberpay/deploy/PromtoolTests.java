package io.emberpay.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules checked and unit-tested by Prometheus' own tool: every alert fires on a
 * bad series with the expected labels and annotations and stays quiet on a healthy one
 * ({@code monitoring/prometheus/tests}). Runs where promtool is installed (Debian/Ubuntu:
 * {@code apt-get install prometheus}); skipped, with that reason, elsewhere.
 */
class PromtoolTests {

	@Test
	void alertRulesAreValidPromQl() throws Exception {
		assertThat(promtool("check", "rules", "monitoring/prometheus/rules/emberpay-alerts.yml")).contains("SUCCESS");
	}

	@Test
	void composePrometheusConfigurationIsValid() throws Exception {
		assertThat(promtool("check", "config", "monitoring/prometheus/prometheus.yml")).contains("SUCCESS");
	}

	@Test
	void everyAlertFiresOnItsConditionAndOnlyThen() throws Exception {
		assertThat(promtool("test", "rules", "monitoring/prometheus/tests/emberpay-alerts.test.yml"))
			.contains("SUCCESS");
	}

	@Test
	void everyAlertHasAUnitTest() {
		String tests = RepositoryFiles.read("monitoring/prometheus/tests/emberpay-alerts.test.yml");
		List<String> alerts = new ArrayList<>();
		for (Object group : Fields
			.list(RepositoryFiles.readYaml("monitoring/prometheus/rules/emberpay-alerts.yml").get("groups"))) {
			Fields.list(Fields.at(group, "rules"))
				.forEach((rule) -> alerts.add(String.valueOf(Fields.at(rule, "alert"))));
		}
		assertThat(alerts).isNotEmpty().allSatisfy((alert) -> assertThat(tests).contains("alertname: " + alert + "\n"));
	}

	private static String promtool(String... arguments) throws IOException, InterruptedException {
		Optional<Path> promtool = onPath("promtool");
		assumeTrue(promtool.isPresent(), "promtool is not installed (apt-get install prometheus): alert rules not run");
		List<String> command = new ArrayList<>(List.of(promtool.get().toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(RepositoryFiles.root().toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private static Optional<Path> onPath(String tool) {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.of(path.split(File.pathSeparator))
			.map((dir) -> Path.of(dir, tool))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
