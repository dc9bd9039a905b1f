package io.emberpay.notification.webhook;

import java.util.List;

import io.emberpay.notification.support.StandardWebhooksVerifier;
import io.emberpay.notification.webhook.signing.WebhookSecret;
import io.emberpay.notification.webhook.signing.WebhookSignature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookSignatureTests {

	/** The signing example of the Standard Webhooks reference libraries' test suites. */
	private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	private static final long SPEC_TIMESTAMP = 1614265330L;

	private static final String SPEC_BODY = "{\"test\": 2432232314}";

	private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	@Test
	void reproducesThePublishedExampleSignature() {
		assertThat(WebhookSignature.sign(WebhookSecret.parse(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
			.isEqualTo(SPEC_SIGNATURE);
	}

	@Test
	void independentVerifierAgreesWithThePublishedExample() {
		StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SPEC_SECRET);
		assertThat(verifier.sign(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
		assertThat(
				verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY, SPEC_TIMESTAMP, 300))
			.isTrue();
	}

	@Test
	void independentVerifierAcceptsOurSignaturesAndRejectsTampering() {
		WebhookSecret secret = WebhookSecret.generate();
		StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(secret.reveal());
		String body = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"data\":{\"object\":{\"amount\":1999}}}";
		String header = WebhookSignature.header(List.of(secret), "evt_1", 1_700_000_000L, body);

		assertThat(verifier.verify("evt_1", "1700000000", header, body, 1_700_000_010L, 300)).isTrue();
		assertThat(verifier.verify("evt_1", "1700000000", header, body.replace("1999", "1"), 1_700_000_010L, 300))
			.isFalse();
		assertThat(verifier.verify("evt_2", "1700000000", header, body, 1_700_000_010L, 300)).isFalse();
		assertThat(verifier.verify("evt_1", "1700000001", header, body, 1_700_000_010L, 300)).isFalse();
		assertThat(new StandardWebhooksVerifier(WebhookSecret.generate().reveal()).verify("evt_1", "1700000000", header,
				body, 1_700_000_010L, 300))
			.isFalse();
	}

	@Test
	void signsWithEverySecretDuringRotationNewestFirst() {
		WebhookSecret current = WebhookSecret.generate();
		WebhookSecret previous = WebhookSecret.generate();
		String header = WebhookSignature.header(List.of(current, previous), "evt_1", 1_700_000_000L, "{}");

		assertThat(header.split(" ")).hasSize(2).allSatisfy(signature -> assertThat(signature).startsWith("v1,"));
		assertThat(header.split(" ")[0]).isEqualTo(WebhookSignature.sign(current, "evt_1", 1_700_000_000L, "{}"));
		assertThat(new StandardWebhooksVerifier(current.reveal()).verify("evt_1", "1700000000", header, "{}",
				1_700_000_000L, 300))
			.isTrue();
		assertThat(new StandardWebhooksVerifier(previous.reveal()).verify("evt_1", "1700000000", header, "{}",
				1_700_000_000L, 300))
			.isTrue();
	}

	@Test
	void generatedSecretsHoldAtLeast24RandomBytesBehindTheWhsecPrefix() {
		WebhookSecret secret = WebhookSecret.generate();
		assertThat(secret.reveal()).startsWith("whsec_");
		assertThat(secret.key().length).isGreaterThanOrEqualTo(24);
		assertThat(WebhookSecret.parse(secret.reveal())).isEqualTo(secret);
		assertThat(WebhookSecret.generate()).isNotEqualTo(secret);
		assertThat(secret.toString()).doesNotContain(secret.reveal().substring(6));
	}

	@Test
	void refusesWebhookIdsContainingDots() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebhookSignature.sign(WebhookSecret.generate(), "evt.1", 1L, "{}"));
	}

}
