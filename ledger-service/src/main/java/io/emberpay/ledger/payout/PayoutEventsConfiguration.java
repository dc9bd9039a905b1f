package io.emberpay.ledger.payout;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.events.payout.PayoutFailed;
import io.emberpay.events.payout.PayoutPaid;
import io.emberpay.events.payout.PayoutSnapshot;
import io.emberpay.starter.inbox.EventSubscription;
import io.emberpay.starter.inbox.ReceivedEvent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Subscribes the ledger to the payout outcomes payment-service publishes; the hold itself
 * was placed synchronously when the payout was created.
 */
@Configuration(proxyBeanMethods = false)
class PayoutEventsConfiguration {

	static final String CONSUMER = "ledger-service-payouts";

	@Bean
	EventSubscription payoutEvents(PayoutLedger ledger) {
		return EventSubscription.of(CONSUMER, List.of(Topics.PAYMENTS), received -> handle(ledger, received),
				PayoutPaid.class, PayoutFailed.class);
	}

	static void handle(PayoutLedger ledger, ReceivedEvent received) {
		switch (received.event()) {
			case PayoutPaid paid -> {
				PayoutSnapshot payout = paid.payout();
				ledger.paid(paid.eventId(), payout.id(), payout.merchant(), payout.amount(), payout.currency(),
						payout.psp(), payout.livemode());
			}
			case PayoutFailed failed -> ledger.failed(failed.eventId(), failed.payout().id());
			default -> {
				// payout.created moves nothing: the hold came first
			}
		}
	}

}
