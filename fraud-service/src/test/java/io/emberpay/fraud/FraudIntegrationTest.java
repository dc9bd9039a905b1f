package io.emberpay.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.emberpay.events.EventCodec;
import io.emberpay.events.PlatformEvent;
import io.emberpay.events.ResourceIds;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructure;
import io.emberpay.testkit.SharedKafka;
import io.emberpay.testkit.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One Spring context for every fraud-service integration test, against the real
 * PostgreSQL and Kafka of the test kit, with helpers to score over HTTP and to publish
 * events the way payment-service and auth-service do. Every test uses fresh ids, so tests
 * share the database without depending on each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class FraudIntegrationTest {

	private static KafkaProducer<String, String> producer;

	@Value("${local.server.port}")
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	protected ApiClient api() {
		return new ApiClient("http://localhost:" + this.port);
	}

	protected ApiClient operator() {
		return api().withToken(TestTokens.get().operator(ResourceIds.next("usr")));
	}

	/** payment-service, the one caller fraud scoring allows, with its service token. */
	protected ApiClient paymentService() {
		return api().withToken(TestTokens.get().service("payment-service", "fraud-service"));
	}

	protected ApiClient.Response score(Map<String, Object> request) {
		return paymentService().post("/internal/v1/scores", request);
	}

	/**
	 * A request that no rule objects to: a US card paid from a US IP, first of its kind.
	 */
	protected static Map<String, Object> normalRequest() {
		Map<String, Object> request = new HashMap<>();
		request.put("payment", ResourceIds.next("pay"));
		request.put("user", ResourceIds.next("usr"));
		request.put("merchant", ResourceIds.next("mer"));
		request.put("amount", 1999);
		request.put("currency", "USD");
		request.put("card_fingerprint", "fp_" + UUID.randomUUID().toString().replace("-", ""));
		request.put("card_bin", "424242");
		request.put("card_country", "US");
		request.put("device_id", "dev-" + UUID.randomUUID());
		request.put("device_fingerprint", null);
		request.put("ip", usIp());
		request.put("email", "someone@example.com");
		request.put("occurred_at", null);
		return request;
	}

	/**
	 * A random address in a US range of the bundled table, so tests do not share IP
	 * velocity.
	 */
	protected static String usIp() {
		return "100.69." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
	}

	/** The same payer again: same user, card, device and IP, a new payment. */
	protected static Map<String, Object> nextPayment(Map<String, Object> previous) {
		Map<String, Object> next = new HashMap<>(previous);
		next.put("payment", ResourceIds.next("pay"));
		return next;
	}

	protected static Map<String, Object> at(Map<String, Object> request, Instant occurredAt) {
		Map<String, Object> copy = new HashMap<>(request);
		copy.put("occurred_at", occurredAt.toString());
		return copy;
	}

	protected void publish(String topic, PlatformEvent event) {
		String json = EventCodec.toJson(EventCodec.envelope("test", event, null));
		publishRaw(topic, event.aggregateId(), json);
	}

	protected void publishRaw(String topic, String key, String json) {
		try {
			producer().send(new ProducerRecord<>(topic, key, json)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not publish to " + topic, ex);
		}
	}

	/** Whether the consumer has processed the event (its id is in the inbox). */
	protected boolean consumed(String eventId) {
		return this.jdbc.sql("select count(*) from inbox_event where event_id = ?")
			.param(eventId)
			.query(Long.class)
			.single() > 0;
	}

	protected static Duration patience() {
		return Duration.ofSeconds(30);
	}

	private static synchronized KafkaProducer<String, String> producer() {
		if (producer == null) {
			producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
					new StringSerializer(), new StringSerializer());
		}
		return producer;
	}

	@AfterAll
	static synchronized void closeProducer() {
		if (producer != null) {
			producer.close(Duration.ofSeconds(5));
			producer = null;
		}
	}

}
