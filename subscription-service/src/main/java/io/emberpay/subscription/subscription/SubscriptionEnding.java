package io.emberpay.subscription.subscription;

import java.time.Instant;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.subscription.SubscriptionEvent;
import io.emberpay.starter.outbox.OutboxWriter;
import io.emberpay.subscription.billing.InvoiceStore;
import io.emberpay.subscription.entitlement.Entitlement;
import io.emberpay.subscription.entitlement.Entitlements;

import org.springframework.stereotype.Component;

/**
 * Ends a subscription inside the caller's transaction, whoever ends it (the user, the
 * renewal run at period end, dunning): final state, open invoices voided, entitlement
 * revoked, event.
 */
@Component
public class SubscriptionEnding {

	private final SubscriptionStore store;

	private final InvoiceStore invoices;

	private final Entitlements entitlements;

	private final OutboxWriter outbox;

	SubscriptionEnding(SubscriptionStore store, InvoiceStore invoices, Entitlements entitlements, OutboxWriter outbox) {
		this.store = store;
		this.invoices = invoices;
		this.entitlements = entitlements;
		this.outbox = outbox;
	}

	public void end(Subscription current, SubscriptionStatus next, Instant now) {
		Subscription ended = current.ended(next, now);
		this.store.update(ended);
		this.invoices.voidOpen(current.id());
		this.entitlements.revoke(Entitlement.SOURCE_SUBSCRIPTION, current.id(), now);
		this.outbox.append(Topics.SUBSCRIPTIONS,
				(next == SubscriptionStatus.CANCELED)
						? new SubscriptionEvent.SubscriptionCanceled(ResourceIds.event(), now, ended.snapshot())
						: new SubscriptionEvent.SubscriptionUpdated(ResourceIds.event(), now, ended.snapshot()));
	}

}
