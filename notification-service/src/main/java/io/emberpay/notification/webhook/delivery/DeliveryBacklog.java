package io.emberpay.notification.webhook.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Exports {@code emberpay.webhook.backlog}: the deliveries waiting to be sent, due now or
 * scheduled for a retry. Counted on each scrape from the partial index of pending rows,
 * so the backlog alert sees the database, not one replica's view.
 */
@Component
class DeliveryBacklog {

	private final JdbcClient jdbc;

	DeliveryBacklog(JdbcClient jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		Gauge.builder("emberpay.webhook.backlog", this, DeliveryBacklog::pending)
			.description("Webhook deliveries waiting to be sent")
			.strongReference(true)
			.register(meters);
	}

	double pending() {
		return this.jdbc.sql("select count(*) from webhook_delivery where state = 'pending'")
			.query(Long.class)
			.single();
	}

}
