package io.emberpay.local.drill;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.starter.inbox.EventSubscription;
import io.emberpay.starter.outbox.OutboxWriter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A small service on the platform's starter, run as its own JVM by
 * {@link OutboxKillDrillTests}: as {@code producer} it writes a numbered sequence of
 * events through the outbox (the relay publishes them), as {@code consumer} it applies
 * them through the inbox and records each application. Killing either with SIGKILL
 * mid-way exercises exactly the code every real service runs.
 */
@SpringBootApplication
public class DrillService {

	/** Events are spread over this many aggregates, each of which must keep its order. */
	static final int AGGREGATES = 64;

	public static void main(String[] args) {
		SpringApplication.run(DrillService.class, args);
	}

	static String eventId(long seq) {
		return "evt_drill_" + seq;
	}

	static String aggregateId(long seq) {
		return "pay_drill_" + (seq % AGGREGATES);
	}

	static PaymentCaptured event(long seq, Instant now) {
		PaymentSnapshot payment = new PaymentSnapshot(aggregateId(seq), "payment", seq, "EUR", "succeeded", "automatic",
				0, seq, 0, "mer_drill", null, null, null, "simulator", null, null, null, Map.of(), null, null, false,
				null, now);
		return new PaymentCaptured(eventId(seq), now, payment);
	}

	@Bean
	@ConditionalOnProperty(name = "drill.role", havingValue = "producer")
	DrillProducer drillProducer(JdbcClient jdbc, TransactionTemplate transactions, OutboxWriter outbox,
			@Value("${drill.events}") long events, @Value("${drill.rate}") int eventsPerSecond) {
		return new DrillProducer(jdbc, transactions, outbox, events, eventsPerSecond, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnProperty(name = "drill.role", havingValue = "consumer")
	EventSubscription drillConsumer(JdbcClient jdbc) {
		return EventSubscription.of("outbox-drill", List.of(Topics.PAYMENTS), (received) -> {
			PaymentCaptured captured = (PaymentCaptured) received.event();
			jdbc.sql("insert into drill_applied (event_id, aggregate_id, seq) values (?, ?, ?)")
				.params(captured.eventId(), captured.aggregateId(), captured.payment().amount())
				.update();
		}, PaymentCaptured.class);
	}

}
