package io.emberpay.starter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.emberpay.events.EventCodec;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.starter.outbox.OutboxWriter;
import io.emberpay.testkit.RealInfrastructure;
import io.emberpay.testkit.SharedKafka;
import io.emberpay.testkit.TopicReader;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OutboxAndInboxTests {

	@Autowired
	OutboxWriter outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Tracer tracer;

	@Test
	void eventCommittedWithItsTransactionReachesKafkaAndIsAppliedOnce() throws Exception {
		PaymentAuthorized event = authorized(ResourceIds.next("pay"));
		try (TopicReader topic = new TopicReader(Topics.PAYMENTS)) {
			this.transactions.executeWithoutResult(status -> this.outbox.append(Topics.PAYMENTS, event));

			await().atMost(Duration.ofSeconds(30)).until(() -> applied(event.eventId()) == 1);
			// the test's own reader may see the record after the consumer applied it
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(topic.events("payment.authorized")).anySatisfy(e -> {
					assertThat(e.id()).isEqualTo(event.eventId());
					assertThat(e.subject()).isEqualTo(event.payment().id());
					assertThat(e.source()).isEqualTo("starter-test");
				}));

			// the broker delivers the same event again: nothing changes
			republish(event.payment().id(),
					topic.raw().stream().filter(raw -> raw.contains(event.eventId())).findFirst().orElseThrow());
			PaymentAuthorized after = authorized(ResourceIds.next("pay"));
			this.transactions.executeWithoutResult(status -> this.outbox.append(Topics.PAYMENTS, after));
			await().atMost(Duration.ofSeconds(30)).until(() -> applied(after.eventId()) == 1);
			assertThat(applied(event.eventId())).isEqualTo(1);
		}
	}

	@Test
	void eventsAppendedTogetherAreStoredAsOneRowAndPublishedOneByOneInOrder() {
		String paymentId = ResourceIds.next("pay");
		List<PaymentAuthorized> events = List.of(authorized(paymentId), authorized(paymentId), authorized(paymentId));
		try (TopicReader topic = new TopicReader(Topics.PAYMENTS)) {
			long rows = this.transactions.execute(status -> {
				this.outbox.appendAll(Topics.PAYMENTS, events);
				return this.jdbc.sql("select count(*) from outbox_event where event_id = any(?::varchar[])")
					.param(events.stream().map(PaymentAuthorized::eventId).toArray(String[]::new))
					.query(Long.class)
					.single();
			});
			assertThat(rows).isOne();

			events.forEach(event -> await().atMost(Duration.ofSeconds(30)).until(() -> applied(event.eventId()) == 1));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(topic.events("payment.authorized"))
					.filteredOn(e -> paymentId.equals(e.subject()))
					.extracting(e -> e.id())
					.containsExactlyElementsOf(events.stream().map(PaymentAuthorized::eventId).toList()));
		}
	}

	@Test
	void consumerContinuesTheTraceOfTheRequestThatWroteTheEvent() {
		PaymentAuthorized event = authorized(ResourceIds.next("pay"));
		Span request = this.tracer.nextSpan().name("POST /v1/payments").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
			this.transactions.executeWithoutResult(status -> this.outbox.append(Topics.PAYMENTS, event));
		}
		finally {
			request.end();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> applied(event.eventId()) == 1);
		assertThat(this.jdbc.sql("select trace_id from applied_event where consumer = 'starter-test' and event_id = ?")
			.param(event.eventId())
			.query(String.class)
			.single()).isEqualTo(request.context().traceId());
	}

	@Test
	void rolledBackTransactionPublishesNothing() {
		PaymentAuthorized event = authorized(ResourceIds.next("pay"));
		assertThatThrownBy(() -> this.transactions.executeWithoutResult(status -> {
			this.outbox.append(Topics.PAYMENTS, event);
			throw new IllegalStateException("the state change failed");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(this.jdbc.sql("select count(*) from outbox_event where event_id = ?")
			.param(event.eventId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void outboxRefusesToWriteOutsideATransaction() {
		assertThatThrownBy(() -> this.outbox.append(Topics.PAYMENTS, authorized(ResourceIds.next("pay"))))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void poisonEventIsParkedAndLaterEventsStillApply() {
		PaymentAuthorized poison = authorized("pay_poison");
		PaymentAuthorized healthy = authorized(ResourceIds.next("pay"));
		this.transactions.executeWithoutResult(status -> {
			this.outbox.append(Topics.PAYMENTS, poison);
			this.outbox.append(Topics.PAYMENTS, healthy);
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> applied(healthy.eventId()) == 1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc
				.sql("select count(*) from inbox_dead_letter where consumer = 'starter-test' and event_id = ?")
				.param(poison.eventId())
				.query(Long.class)
				.single() == 1);
	}

	private long applied(String eventId) {
		return this.jdbc.sql("select count(*) from applied_event where consumer = 'starter-test' and event_id = ?")
			.param(eventId)
			.query(Long.class)
			.single();
	}

	private static void republish(String key, String value) throws Exception {
		try (var producer = new KafkaProducer<>(
				Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.PAYMENTS, key, value)).get();
		}
	}

	private static PaymentAuthorized authorized(String paymentId) {
		PaymentSnapshot payment = new PaymentSnapshot(paymentId, "payment", 1999, "USD", "requires_capture", "manual",
				1999, 0, 0, "mer_test", "usr_test", "pm_test", null, "psp-a", "auth_1", null, null, Map.of(), null,
				null, false, "req_test", Instant.now());
		return new PaymentAuthorized(ResourceIds.event(), Instant.now(), payment);
	}

}
