package io.emberpay.notification.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.notification.notice.Contacts;
import io.emberpay.notification.privacy.UserErasure;
import io.emberpay.notification.notice.NoticeComposer;
import io.emberpay.notification.webhook.WebhookEventTypes;
import io.emberpay.notification.webhook.delivery.DeliveryDispatcher;
import io.emberpay.notification.webhook.event.PublicEvent;
import io.emberpay.notification.webhook.event.WebhookEventStore;
import io.emberpay.starter.inbox.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes platform events off Kafka (inside the starter's idempotent-consumer transaction):
 * public events become a stored webhook body plus one delivery per subscribed endpoint,
 * and the receipts, alerts and account mails users asked for; merchant sign-ups fill the
 * contact book; an erasure forgets the user.
 */
@Component
class PlatformEventIntake {

	private static final Logger log = LoggerFactory.getLogger(PlatformEventIntake.class);

	private final WebhookEventStore events;

	private final NoticeComposer notices;

	private final Contacts contacts;

	private final DeliveryDispatcher dispatcher;

	private final UserErasure erasure;

	private final Clock clock;

	PlatformEventIntake(WebhookEventStore events, NoticeComposer notices, Contacts contacts,
			DeliveryDispatcher dispatcher, UserErasure erasure, Clock clock) {
		this.erasure = erasure;
		this.events = events;
		this.notices = notices;
		this.contacts = contacts;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	void handle(ReceivedEvent received) {
		CloudEvent envelope = received.envelope();
		Instant now = this.clock.instant();
		if (received.event() instanceof AuthEvent.UserSignedUp) {
			// the address is asked of auth-service when the first mail goes out
			// (Contacts)
			return;
		}
		if (received.event() instanceof AuthEvent.UserErasureRequested erasure) {
			this.erasure.erase(erasure.subject());
			return;
		}
		if (received.event() instanceof AuthEvent.MerchantCreated created) {
			this.contacts.saveMerchant(created.subject(), created.email(), created.occurredAt());
			return;
		}
		if (received.event() instanceof AuthEvent accountEvent) {
			this.notices.onAccountChange(envelope.id(), accountEvent, now);
		}
		if (!WebhookEventTypes.isPublic(envelope.type()) || envelope.data() == null) {
			return;
		}
		PublicEvent event = publicEvent(envelope);
		if (event == null) {
			log.warn("Event {} of type {} names no merchant; no webhook is possible", envelope.id(), envelope.type());
		}
		else if (this.events.record(event, now) > 0) {
			wakeDispatcherAfterCommit();
		}
		this.notices.onEvent(envelope.id(), envelope.type(), envelope.data(), now);
	}

	/**
	 * The webhook body: {@code {"id", "type", "created", "livemode", "data": {"object":
	 * ...}}}.
	 */
	static PublicEvent publicEvent(CloudEvent envelope) {
		JsonNode data = envelope.data();
		JsonNode payment = data.path("payment");
		JsonNode object = switch (envelope.type()) {
			case "refund.succeeded" -> data.path("refund");
			case "fraud.alert" -> fraudAlert(data);
			default ->
				payment.isObject() ? payment : data.path(envelope.type().substring(0, envelope.type().indexOf('.')));
		};
		JsonNode merchant = object.get("merchant");
		if (merchant == null || merchant.isNull() || merchant.asString().isBlank()) {
			return null;
		}
		boolean livemode = livemode(object, payment);
		Instant created = envelope.time().truncatedTo(ChronoUnit.SECONDS);
		ObjectNode body = EventCodec.json().createObjectNode();
		body.put("id", envelope.id());
		body.put("type", envelope.type());
		body.put("created", DateTimeFormatter.ISO_INSTANT.format(created));
		body.put("livemode", livemode);
		body.putObject("data").set("object", object);
		return new PublicEvent(envelope.id(), merchant.asString(), envelope.type(), livemode, created,
				EventCodec.json().writeValueAsString(body));
	}

	/**
	 * The event's mode: its object's own {@code livemode} (payments, subscriptions,
	 * invoices, entitlements, payouts, disputes, fraud alerts), else its payment's (a
	 * refund). An event that states neither (written before its type carried a mode) is a
	 * test event: it must never reach a live endpoint on a guess.
	 */
	static boolean livemode(JsonNode object, JsonNode payment) {
		JsonNode own = object.get("livemode");
		if (own != null && own.isBoolean()) {
			return own.asBoolean();
		}
		JsonNode ofPayment = payment.isObject() ? payment.get("livemode") : null;
		return ofPayment != null && ofPayment.isBoolean() && ofPayment.asBoolean();
	}

	/**
	 * A fraud alert as the public {@code fraud_alert} object: the event's data minus its
	 * envelope fields.
	 */
	private static JsonNode fraudAlert(JsonNode data) {
		ObjectNode alert = EventCodec.json().createObjectNode();
		alert.put("id", data.path("alert_id").asString());
		alert.put("object", "fraud_alert");
		data.properties().forEach(field -> {
			if (!field.getKey().equals("event_id") && !field.getKey().equals("occurred_at")
					&& !field.getKey().equals("alert_id")) {
				alert.set(field.getKey(), field.getValue());
			}
		});
		return alert;
	}

	private void wakeDispatcherAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					PlatformEventIntake.this.dispatcher.wake();
				}
			});
		}
		else {
			this.dispatcher.wake();
		}
	}

}
