package io.emberpay.subscription.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.emberpay.events.EventCodec;
import io.emberpay.events.PlatformEvent;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.SharedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * payment-service's events settle invoices whose charge answer never came back, and a
 * payment that merely names an invoice in its metadata settles nothing.
 */
@SubscriptionTest
class PaymentOutcomeIntakeTests extends SubscriptionApi {

	private static final KafkaProducer<String, String> producer = new KafkaProducer<>(Map
		.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
			new StringSerializer(), new StringSerializer());

	@AfterAll
	static void closeProducer() {
		producer.close();
	}

	@Test
	void aPaymentEventPaysTheInvoiceWhoseChargeAnswerWasLost() {
		Renewal renewal = lostRenewal();
		assertThat(renewal.invoice().path("status").asString()).isEqualTo("open");

		publish(new PaymentSucceeded(ResourceIds.event(), Instant.now(), payment(renewal, 999, "succeeded")));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(invoice(renewal).path("status").asString()).isEqualTo("paid"));
		assertThat(as(renewal.user()).get("/v1/subscriptions/" + renewal.subscription()).text("status"))
			.isEqualTo("active");
	}

	@Test
	void aPaymentThatDoesNotMatchTheInvoiceSettlesNothing() {
		Renewal renewal = lostRenewal();

		publish(new PaymentSucceeded(ResourceIds.event(), Instant.now(), payment(renewal, 1, "succeeded")));
		publish(new PaymentFailed(ResourceIds.event(), Instant.now(), payment(renewal, 999, "failed")));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(invoice(renewal).path("attempt_count").asInt()).isEqualTo(1));
		assertThat(invoice(renewal).path("status").asString()).as("the cheap payment did not pay it").isEqualTo("open");
		assertThat(invoice(renewal).path("failure_code").asString()).isEqualTo("card_declined");
	}

	private Renewal lostRenewal() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 1, "premium");
		String user = newUser();
		String id = subscribe(user, price, paymentMethod("lost")).text("id");
		advance(Duration.ofDays(1).plusMinutes(1));
		this.renewals.runOnce();
		JsonNode invoice = as(user).get("/v1/invoices?subscription=" + id).json().path("data").get(0);
		return new Renewal(merchant, user, id, invoice);
	}

	private PaymentSnapshot payment(Renewal renewal, long amount, String status) {
		String invoiceId = renewal.invoice().path("id").asString();
		return new PaymentSnapshot(ResourceIds.next("pay"), "payment", amount, "USD", status, "automatic", 0, amount, 0,
				renewal.merchant(), renewal.user(), "pm_lost", null, "psp-a", "ref",
				"failed".equals(status) ? "card_declined" : null, "Subscription",
				Map.of("invoice", invoiceId, "invoice_attempt", "1", "subscription", renewal.subscription()), null,
				null, false, "req_test", Instant.now());
	}

	private JsonNode invoice(Renewal renewal) {
		ApiClient.Response response = as(renewal.user()).get("/v1/invoices/" + renewal.invoice().path("id").asString());
		return response.json();
	}

	private static void publish(PlatformEvent event) {
		try {
			producer
				.send(new ProducerRecord<>(Topics.PAYMENTS, event.aggregateId(),
						EventCodec.toJson(EventCodec.envelope("/test", event, null))))
				.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Renewal(String merchant, String user, String subscription, JsonNode invoice) {
	}

}
