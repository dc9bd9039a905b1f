package io.emberpay.subscription.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.idempotency.IdempotencyStore;
import io.emberpay.starter.inbox.ReceivedEvent;
import io.emberpay.subscription.subscription.SubscriptionEnding;
import io.emberpay.subscription.subscription.SubscriptionStatus;
import io.emberpay.subscription.subscription.SubscriptionStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * subscription-service's part of a user's erasure ({@code user.erasure_requested}, in the
 * inbox's transaction, idempotent). Subscriptions, invoices and entitlements name the
 * user only by id, which after the erasure points at no person; they stay for the
 * merchant's books. An erased user can no longer be charged, so their live subscriptions
 * end now (open invoices voided, tiers revoked, the usual events) and every other
 * entitlement is revoked; their stored idempotent responses go.
 */
@Component
class UserErasure {

	private final SubscriptionStore subscriptions;

	private final SubscriptionEnding ending;

	private final JdbcClient jdbc;

	private final IdempotencyStore idempotency;

	private final Clock clock;

	UserErasure(SubscriptionStore subscriptions, SubscriptionEnding ending, JdbcClient jdbc,
			IdempotencyStore idempotency, Clock clock) {
		this.subscriptions = subscriptions;
		this.ending = ending;
		this.jdbc = jdbc;
		this.idempotency = idempotency;
		this.clock = clock;
	}

	void handle(ReceivedEvent received) {
		if (received.event() instanceof AuthEvent.UserErasureRequested erasure) {
			erase(erasure.subject());
		}
	}

	void erase(String userId) {
		Instant now = this.clock.instant();
		List<String> live = this.jdbc
			.sql("select id from subscription where customer = ? and status in ('incomplete', 'trialing', 'active',"
					+ " 'past_due') order by id")
			.param(userId)
			.query(String.class)
			.list();
		for (String id : live) {
			this.subscriptions.lock(id)
				.filter(subscription -> subscription.status().isLive())
				.ifPresent(subscription -> this.ending.end(subscription, SubscriptionStatus.CANCELED, now));
		}
		this.jdbc.sql("update entitlement set revoked_at = ? where customer = ? and revoked_at is null")
			.params(java.sql.Timestamp.from(now), userId)
			.update();
		this.idempotency.forgetCaller(userId);
	}

}
