package io.emberpay.notification.webhook.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The verification samples of docs/webhooks.md, run as they are published, against
 * signatures made by the code that signs real deliveries: a merchant who copies one
 * accepts exactly what Emberpay signed. A sample whose runtime is not installed is
 * skipped, and says so.
 */
class WebhookVerificationSampleTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BODY = """
			{"id":"evt_01JTEST","type":"payment.succeeded","created":"2026-12-01T10:00:00Z",\
			"data":{"object":{"id":"pay_01JTEST","amount":1999,"currency":"EUR","description":"Café crème €"}}}""";

	@ParameterizedTest
	@ValueSource(strings = { "python3 docs/samples/verify_webhook.py", "node docs/samples/verify-webhook.mjs" })
	void theSampleAcceptsWhatEmberpaySignedAndNothingElse(String sample) throws Exception {
		List<String> command = List.of(sample.split(" "));
		assumeTrue(installed(command.get(0)), command.get(0) + " is not installed: sample not run");
		WebhookSecret secret = WebhookSecret.generate();
		WebhookSecret previous = WebhookSecret.generate();
		long now = Instant.now().getEpochSecond();
		String signature = WebhookSignature.header(List.of(secret), "evt_01JTEST", now, BODY);

		assertThat(run(command, secret, now, signature, BODY)).isEqualTo("verified");
		assertThat(run(command, secret, now, signature, BODY.replace("1999", "1"))).as("tampered body")
			.isEqualTo("rejected");
		assertThat(run(command, WebhookSecret.generate(), now, signature, BODY)).as("another endpoint's secret")
			.isEqualTo("rejected");
		long stale = now - 600;
		assertThat(
				run(command, secret, stale, WebhookSignature.header(List.of(secret), "evt_01JTEST", stale, BODY), BODY))
			.as("a delivery signed ten minutes ago")
			.isEqualTo("rejected");
		String duringRotation = WebhookSignature.header(List.of(secret, previous), "evt_01JTEST", now, BODY);
		assertThat(run(command, previous, now, duringRotation, BODY)).as("the previous secret during a rotation")
			.isEqualTo("verified");
	}

	private static String run(List<String> command, WebhookSecret secret, long timestamp, String signature, String body)
			throws IOException, InterruptedException {
		Map<String, String> delivery = new LinkedHashMap<>();
		delivery.put("secret", secret.reveal());
		delivery.put("webhook_id", "evt_01JTEST");
		delivery.put("webhook_timestamp", Long.toString(timestamp));
		delivery.put("webhook_signature", signature);
		delivery.put("body", body);
		Process process = new ProcessBuilder(command).directory(repositoryRoot().toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		process.getOutputStream().write(JSON.writeValueAsBytes(delivery));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
		assertThat(process.exitValue()).as("exit status of %s", command).isEqualTo("verified".equals(output) ? 0 : 1);
		return output;
	}

	private static boolean installed(String program) {
		try {
			Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs")))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("the repository root").isNotNull();
		return dir;
	}

}
