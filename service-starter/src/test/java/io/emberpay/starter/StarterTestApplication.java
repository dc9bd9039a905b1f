package io.emberpay.starter;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.starter.inbox.EventSubscription;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A minimal service that consumes payment events into a table, to test the starter end to
 * end. Tests that start their own instance name its consumer group, so it does not share
 * partitions with the cached test context, and may add a consumer whose handler always
 * fails.
 */
@SpringBootApplication
class StarterTestApplication {

	@Bean
	EventSubscription appliedEvents(JdbcClient jdbc, @Value("${starter-test.consumer:starter-test}") String consumer) {
		return new EventSubscription(consumer, List.of(Topics.PAYMENTS), received -> {
			if (received.event() instanceof PaymentEvent event) {
				if ("pay_poison".equals(event.payment().id())) {
					throw new IllegalStateException("this payment cannot be applied");
				}
				jdbc.sql("insert into applied_event (consumer, event_id, payment_id, trace_id) values (?, ?, ?, ?)")
					.params(consumer, event.eventId(), event.payment().id(), MDC.get("traceId"))
					.update();
			}
		});
	}

	@Bean
	@ConditionalOnProperty("starter-test.broken-consumer")
	EventSubscription brokenEvents(@Value("${starter-test.broken-consumer}") String consumer) {
		return new EventSubscription(consumer, List.of(Topics.PAYMENTS), received -> {
			throw new IllegalStateException("this handler fails on every event");
		});
	}

}
