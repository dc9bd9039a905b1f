package io.emberpay.notification.webhook.endpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import io.emberpay.events.EventCodec;
import io.emberpay.events.ResourceIds;
import io.emberpay.notification.webhook.delivery.DeliveryDispatcher;
import io.emberpay.notification.webhook.event.PublicEvent;
import io.emberpay.notification.webhook.event.WebhookEventStore;
import io.emberpay.notification.webhook.event.WebhookEventView;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Send a test event": a {@code webhook_endpoint.test} event, signed and delivered like
 * any other but to the one endpoint only, so a merchant can check its receiver (and its
 * signature check) without making a payment.
 */
@Component
class WebhookTestEvents {

	static final String TYPE = "webhook_endpoint.test";

	private final WebhookEndpoints endpoints;

	private final WebhookEventStore events;

	private final DeliveryDispatcher dispatcher;

	private final TransactionTemplate transactions;

	private final Clock clock;

	WebhookTestEvents(WebhookEndpoints endpoints, WebhookEventStore events, DeliveryDispatcher dispatcher,
			TransactionTemplate transactions, Clock clock) {
		this.endpoints = endpoints;
		this.events = events;
		this.dispatcher = dispatcher;
		this.transactions = transactions;
		this.clock = clock;
	}

	WebhookEventView send(String merchant, boolean livemode, String endpointId) {
		WebhookEndpoint endpoint = this.endpoints.owned(merchant, livemode, endpointId);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String id = ResourceIds.event();
		ObjectNode body = EventCodec.json().createObjectNode();
		body.put("id", id);
		body.put("type", TYPE);
		body.put("created", DateTimeFormatter.ISO_INSTANT.format(now));
		body.put("livemode", endpoint.livemode());
		ObjectNode object = body.putObject("data").putObject("object");
		object.put("id", endpoint.id());
		object.put("object", "webhook_endpoint");
		object.put("url", endpoint.url());
		object.put("livemode", endpoint.livemode());
		PublicEvent event = new PublicEvent(id, merchant, TYPE, endpoint.livemode(), now,
				EventCodec.json().writeValueAsString(body));
		WebhookEventView view = this.transactions.execute(status -> {
			this.events.recordTest(event, endpoint.id());
			return this.events.find(merchant, endpoint.livemode(), id).orElseThrow();
		});
		this.dispatcher.wake();
		return view;
	}

}
