package io.emberpay.subscription.renewal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.starter.inbox.EventSubscription;
import io.emberpay.starter.inbox.ReceivedEvent;
import io.emberpay.subscription.billing.InvoiceStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Marks invoices paid or failed from payment-service's events (inside the starter's
 * idempotent-consumer transaction): the answer of a charge whose call timed out, or of a
 * payment that settled later, still reaches its invoice. Payments carry their invoice and
 * attempt in metadata; since anyone paying can write metadata, a payment settles an
 * invoice only when its merchant, user, amount and currency are the invoice's.
 */
@Configuration(proxyBeanMethods = false)
class PaymentOutcomeIntake {

	@Bean
	EventSubscription paymentOutcomes(InvoiceSettlement settlement, InvoiceStore invoices, Clock clock) {
		return EventSubscription.of("subscription-service", List.of(Topics.PAYMENTS),
				received -> apply(received, settlement, invoices, clock), PaymentSucceeded.class, PaymentFailed.class);
	}

	static void apply(ReceivedEvent received, InvoiceSettlement settlement, InvoiceStore invoices, Clock clock) {
		if (!(received.event() instanceof PaymentEvent event)) {
			return;
		}
		Map<String, String> metadata = event.payment().metadata();
		String invoice = (metadata == null) ? null : metadata.get("invoice");
		String attempt = (metadata == null) ? null : metadata.get("invoice_attempt");
		if (invoice == null || attempt == null || !attempt.matches("[0-9]{1,4}")) {
			return;
		}
		boolean matches = invoices.find(invoice)
			.filter(found -> found.merchant().equals(event.payment().merchant())
					&& found.customer().equals(event.payment().user()) && found.amountDue() == event.payment().amount()
					&& found.currency().equalsIgnoreCase(event.payment().currency()))
			.isPresent();
		if (!matches) {
			return;
		}
		if (event instanceof PaymentSucceeded) {
			settlement.paid(invoice, Integer.parseInt(attempt), event.payment().id(), clock.instant());
		}
		else {
			String code = event.payment().failureCode();
			settlement.failed(invoice, Integer.parseInt(attempt), event.payment().id(),
					(code == null) ? "payment_failed" : code, clock.instant());
		}
	}

}
