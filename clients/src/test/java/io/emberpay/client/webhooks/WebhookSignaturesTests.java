package io.emberpay.client.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kotlin client's webhook verification accepts a delivery signed as docs/webhooks.md
 * says Emberpay signs (Standard Webhooks: v1, HMAC-SHA256 over id.timestamp.body) and
 * nothing else.
 */
class WebhookSignaturesTests {

	private static final byte[] BODY = """
			{"id":"evt_01JTEST","type":"payment.succeeded","data":{"object":{"id":"pay_1","description":"Café €"}}}"""
		.getBytes(StandardCharsets.UTF_8);

	private final Instant now = Instant.now();

	private final String timestamp = Long.toString(this.now.getEpochSecond());

	@Test
	void acceptsWhatTheSecretSignedAndNothingElse() throws Exception {
		String secret = newSecret();
		String previous = newSecret();
		WebhookSignatures verifier = new WebhookSignatures(secret, Duration.ofMinutes(5));
		String signature = sign(secret, "evt_01JTEST", this.timestamp, BODY);

		assertThat(verify(verifier, signature, BODY)).isTrue();
		assertThat(verify(verifier, signature, "{}".getBytes(StandardCharsets.UTF_8))).as("tampered body").isFalse();
		assertThat(verify(new WebhookSignatures(newSecret(), Duration.ofMinutes(5)), signature, BODY))
			.as("another endpoint's secret")
			.isFalse();
		assertThat(verify(new WebhookSignatures(previous, Duration.ofMinutes(5)),
				signature + " " + sign(previous, "evt_01JTEST", this.timestamp, BODY), BODY))
			.as("the previous secret during a rotation")
			.isTrue();
		String stale = Long.toString(this.now.getEpochSecond() - 600);
		assertThat(verifier.verify("evt_01JTEST", stale, sign(secret, "evt_01JTEST", stale, BODY), BODY, this.now))
			.as("signed ten minutes ago")
			.isFalse();
	}

	private boolean verify(WebhookSignatures verifier, String signature, byte[] body) {
		return verifier.verify("evt_01JTEST", this.timestamp, signature, body, this.now);
	}

	private static String newSecret() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	private static String sign(String secret, String id, String timestamp, byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
		return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
	}

}
