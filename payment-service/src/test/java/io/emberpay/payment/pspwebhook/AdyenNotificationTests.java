package io.emberpay.payment.pspwebhook;

import java.io.InputStream;
import java.util.UUID;

import io.emberpay.payment.psp.adyen.FakeAdyen;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adyen's notifications at {@code POST /v1/psp_webhooks/adyen}, with Adyen's published
 * example item (signed by Adyen with the key the tests configure).
 */
@PaymentServiceTest
class AdyenNotificationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	/** Adyen's example item, under a PSP reference of its own (which voids the HMAC). */
	private static ObjectNode item() throws Exception {
		try (InputStream in = AdyenNotificationTests.class.getResourceAsStream("/adyen/hmac-validation-webhook.json")) {
			return (ObjectNode) JSON.readTree(in);
		}
	}

	private static String notification(ObjectNode item) {
		ObjectNode body = JSON.createObjectNode();
		body.put("live", "false");
		body.putArray("notificationItems").addObject().set("NotificationRequestItem", item);
		return JSON.writeValueAsString(body);
	}

	private ApiClient.Response deliver(String body) {
		return new PaymentApi(this.port).anonymous().post("/v1/psp_webhooks/adyen", body);
	}

	private long stored(String pspReference) {
		return this.jdbc.sql("select count(*) from psp_webhook_event where acquirer = 'adyen' and event_id like ?")
			.param("%:" + pspReference + ":%")
			.query(Long.class)
			.single();
	}

	@Test
	void adyensSignedExampleIsAcceptedAndStoredOnceWhenDeliveredTwice() throws Exception {
		String body = notification(item());
		long before = stored("ZVWN7D3WSMK2WN82");

		ApiClient.Response first = deliver(body);
		ApiClient.Response again = deliver(body);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.body()).isEqualTo("[accepted]");
		assertThat(again.body()).isEqualTo("[accepted]");
		assertThat(stored("ZVWN7D3WSMK2WN82")).isEqualTo((before == 0) ? 1 : before);
	}

	/** Adyen's documentation example ({@code /adyen/README.md}), its key configured. */
	private static ObjectNode docsItem() throws Exception {
		try (InputStream in = AdyenNotificationTests.class.getResourceAsStream("/adyen/docs-hmac-example.json")) {
			return (ObjectNode) JSON.readTree(in);
		}
	}

	@Test
	void adyensDocumentedExampleIsAcceptedAndAnotherKeysSignatureIsNot() throws Exception {
		ObjectNode otherKey = docsItem();
		String reference = "EMBERDOCS" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
		otherKey.put("pspReference", reference);
		// the right fields, correctly signed, with a key we do not hold
		((ObjectNode) otherKey.get("additionalData")).put("hmacSignature", FakeAdyen
			.hmac(reference + "::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true", "00".repeat(32)));

		ApiClient.Response documented = deliver(notification(docsItem()));
		ApiClient.Response forged = deliver(notification(otherKey));

		assertThat(documented.status()).as(documented.body()).isEqualTo(200);
		assertThat(documented.body()).isEqualTo("[accepted]");
		assertThat(stored("7914073381342284")).isEqualTo(1);
		assertThat(forged.status()).as(forged.body()).isEqualTo(401);
		assertThat(stored(otherKey.get("pspReference").asString())).isZero();
	}

	@Test
	void aChangedUnsignedOrMalformedNotificationIsRefusedAndStoresNothing() throws Exception {
		String reference = "EMBER" + UUID.randomUUID().toString().replace("-", "").substring(0, 11).toUpperCase();
		ObjectNode changed = item();
		changed.put("pspReference", reference);
		ObjectNode unsigned = item();
		unsigned.put("pspReference", reference);
		((ObjectNode) unsigned.get("additionalData")).remove("hmacSignature");

		ApiClient.Response forged = deliver(notification(changed));
		ApiClient.Response bare = deliver(notification(unsigned));
		ApiClient.Response malformed = deliver("{\"live\":\"false\",\"notificationItems\":[{\"x\":1}]}");

		assertThat(forged.status()).as(forged.body()).isEqualTo(401);
		assertThat(forged.text("code")).isEqualTo("webhook_signature_invalid");
		assertThat(bare.status()).as(bare.body()).isEqualTo(401);
		assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
		assertThat(malformed.text("code")).isEqualTo("webhook_malformed");
		assertThat(stored(reference)).isZero();
	}

}
