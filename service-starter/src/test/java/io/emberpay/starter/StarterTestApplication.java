package io.emberpay.starter;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.starter.inbox.EventSubscription;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A minimal service that consumes payment events into a table, to test the starter end to
 * end.
 */
@SpringBootApplication
class StarterTestApplication {

	@Bean
	EventSubscription appliedEvents(JdbcClient jdbc) {
		return new EventSubscription("starter-test", List.of(Topics.PAYMENTS), received -> {
			if (received.event() instanceof PaymentEvent event) {
				if ("pay_poison".equals(event.payment().id())) {
					throw new IllegalStateException("this payment cannot be applied");
				}
				jdbc.sql("insert into applied_event (event_id, payment_id, trace_id) values (?, ?, ?)")
					.params(event.eventId(), event.payment().id(), MDC.get("traceId"))
					.update();
			}
		});
	}

}
