package io.emberpay.payment.psp.stripe;

import io.emberpay.payment.psp.WebhookRefused;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.stripe.net.Webhook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeSignatureTests {

	static final String PAYLOAD = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}";

	static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	static final Duration TOLERANCE = Duration.ofMinutes(5);

	static final StripeProperties.WebhookSigner ON_STRIPE = new StripeProperties.WebhookSigner("mer_on_stripe", false,
			FakeStripe.WEBHOOK_SECRET);

	static final StripeProperties.WebhookSigner OTHER = new StripeProperties.WebhookSigner("mer_other", false,
			FakeStripe.OTHER_MERCHANT_WEBHOOK_SECRET);

	private static StripeProperties.WebhookSigner verify(String header, String payload) {
		return StripeSignature.verify(header, payload.getBytes(StandardCharsets.UTF_8), List.of(OTHER, ON_STRIPE), NOW,
				TOLERANCE);
	}

	private static WebhookRefused.Reason refusal(String header, String payload) {
		try {
			verify(header, payload);
		}
		catch (WebhookRefused ex) {
			return ex.reason();
		}
		throw new AssertionError("accepted " + header);
	}

	@Test
	void aSignatureMadeAsStripeDocumentsItIsAcceptedByTheSdkAndByUs() throws Exception {
		String header = FakeStripe.signatureHeader(PAYLOAD, FakeStripe.WEBHOOK_SECRET, NOW.getEpochSecond());

		assertThat(Webhook.Signature.verifyHeader(PAYLOAD, header, FakeStripe.WEBHOOK_SECRET, TOLERANCE.toSeconds(),
				java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)))
			.isTrue();
		assertThat(verify(header, PAYLOAD)).isEqualTo(ON_STRIPE);
	}

	@Test
	void theSignerIsTheAccountWhoseSecretMatched() {
		String header = FakeStripe.signatureHeader(PAYLOAD, FakeStripe.OTHER_MERCHANT_WEBHOOK_SECRET,
				NOW.getEpochSecond());

		assertThat(verify(header, PAYLOAD)).isEqualTo(OTHER);
	}

	@Test
	void anyOfSeveralV1SignaturesMayMatchAsDuringASecretRoll() {
		String good = FakeStripe.signatureHeader(PAYLOAD, FakeStripe.WEBHOOK_SECRET, NOW.getEpochSecond());
		String stale = FakeStripe.signatureHeader(PAYLOAD, "whsec_rolledAway", NOW.getEpochSecond());
		String header = stale + "," + good.substring(good.indexOf("v1=")) + ",v0=abc";

		assertThat(verify(header, PAYLOAD)).isEqualTo(ON_STRIPE);
	}

	@Test
	void aWrongSecretOrAChangedBodyIsForged() {
		String wrongSecret = FakeStripe.signatureHeader(PAYLOAD, "whsec_notOurs", NOW.getEpochSecond());
		String good = FakeStripe.signatureHeader(PAYLOAD, FakeStripe.WEBHOOK_SECRET, NOW.getEpochSecond());

		assertThat(refusal(wrongSecret, PAYLOAD)).isEqualTo(WebhookRefused.Reason.FORGED);
		assertThat(refusal(good, PAYLOAD.replace("evt_1", "evt_2"))).isEqualTo(WebhookRefused.Reason.FORGED);
	}

	@Test
	void aTimestampOutsideTheToleranceIsStaleEvenWhenCorrectlySigned() {
		long old = NOW.minus(TOLERANCE).minusSeconds(1).getEpochSecond();
		long future = NOW.plus(TOLERANCE).plusSeconds(1).getEpochSecond();
		long edge = NOW.minus(TOLERANCE).getEpochSecond();

		assertThat(refusal(FakeStripe.signatureHeader(PAYLOAD, FakeStripe.WEBHOOK_SECRET, old), PAYLOAD))
			.isEqualTo(WebhookRefused.Reason.STALE);
		assertThat(refusal(FakeStripe.signatureHeader(PAYLOAD, FakeStripe.WEBHOOK_SECRET, future), PAYLOAD))
			.isEqualTo(WebhookRefused.Reason.STALE);
		assertThat(verify(FakeStripe.signatureHeader(PAYLOAD, FakeStripe.WEBHOOK_SECRET, edge), PAYLOAD))
			.isEqualTo(ON_STRIPE);
	}

	@Test
	void unsignedAndMalformedHeadersAreRefused() {
		String good = FakeStripe.signatureHeader(PAYLOAD, FakeStripe.WEBHOOK_SECRET, NOW.getEpochSecond());

		assertThat(refusal(null, PAYLOAD)).isEqualTo(WebhookRefused.Reason.UNSIGNED);
		assertThat(refusal("", PAYLOAD)).isEqualTo(WebhookRefused.Reason.UNSIGNED);
		assertThat(refusal("garbage", PAYLOAD)).isEqualTo(WebhookRefused.Reason.MALFORMED);
		assertThat(refusal(good.substring(good.indexOf(',') + 1), PAYLOAD)).isEqualTo(WebhookRefused.Reason.MALFORMED);
		assertThat(refusal("t=" + NOW.getEpochSecond() + ",v0=" + "a".repeat(64), PAYLOAD))
			.isEqualTo(WebhookRefused.Reason.MALFORMED);
		assertThat(refusal("t=soon," + good.substring(good.indexOf("v1=")), PAYLOAD))
			.isEqualTo(WebhookRefused.Reason.MALFORMED);
		assertThat(refusal(good + ",t=" + NOW.getEpochSecond(), PAYLOAD)).isEqualTo(WebhookRefused.Reason.MALFORMED);
	}

}
