package io.emberpay.notification.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.events.PlatformEvent;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.events.fraud.FraudEvent;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.events.payment.RefundSnapshot;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.testkit.SharedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes platform events to the real broker the way producers' outbox relays do:
 * CloudEvents JSON keyed by aggregate id.
 */
public final class PlatformEvents implements AutoCloseable {

	private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map
		.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
			new StringSerializer(), new StringSerializer());

	public static PaymentSnapshot payment(String merchant, String user, long amount, String currency) {
		return payment(merchant, user, amount, currency, false);
	}

	public static PaymentSnapshot payment(String merchant, String user, long amount, String currency,
			boolean livemode) {
		return new PaymentSnapshot(ResourceIds.next("pay"), "payment", amount, currency, "succeeded", "automatic", 0,
				amount, 0, merchant, user, "pm_test",
				new PaymentSnapshot.CardSummary("visa", "4242", "424242", "US", "fp_test", 12, 2030), "psp-a",
				"auth_test", null, "Order 42", Map.of(), new PaymentSnapshot.FraudSummary(3, "approve", List.of()),
				new PaymentSnapshot.DeviceContext("dev-1", "203.0.113.7"), livemode, "req_test", Instant.now());
	}

	public static PaymentSucceeded succeeded(PaymentSnapshot payment) {
		return new PaymentSucceeded(ResourceIds.event(), Instant.now(), payment);
	}

	public static RefundSucceeded refunded(PaymentSnapshot payment, long amount) {
		RefundSnapshot refund = new RefundSnapshot(ResourceIds.next("re"), "refund", payment.id(), amount,
				payment.currency(), "succeeded", payment.merchant(), "psp-a", "rf_test", null, "req_test",
				Instant.now());
		return new RefundSucceeded(ResourceIds.event(), Instant.now(), refund, payment);
	}

	public static FraudEvent.FraudAlert fraudAlert(String merchant, String user, long amount) {
		return fraudAlert(merchant, user, amount, false);
	}

	public static FraudEvent.FraudAlert fraudAlert(String merchant, String user, long amount, Boolean livemode) {
		return new FraudEvent.FraudAlert(ResourceIds.event(), Instant.now(), ResourceIds.next("fal"),
				ResourceIds.next("pay"), merchant, user, amount, "USD", 91, "review", List.of("velocity_card_1h"),
				livemode);
	}

	public CloudEvent publish(String topic, PlatformEvent event) {
		CloudEvent envelope = EventCodec.envelope("/test", event, null);
		publishRaw(topic, event.aggregateId(), EventCodec.toJson(envelope));
		return envelope;
	}

	public CloudEvent publishPayment(PlatformEvent event) {
		return publish(Topics.PAYMENTS, event);
	}

	/**
	 * auth-service knows the user's address from now on; the event itself carries none.
	 */
	public void userSignedUp(String user, String email) {
		AuthStub.get().user(user, email);
		publish(Topics.AUTH, new AuthEvent.UserSignedUp(ResourceIds.event(), Instant.now(), user, null));
	}

	public void merchantCreated(String merchant, String email) {
		publish(Topics.AUTH,
				new AuthEvent.MerchantCreated(ResourceIds.event(), Instant.now(), merchant, "Shop", email, null));
	}

	public void publishRaw(String topic, String key, String json) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, json)).get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("publishing to " + topic + " failed", ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
