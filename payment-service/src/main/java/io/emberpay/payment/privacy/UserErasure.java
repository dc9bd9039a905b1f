package io.emberpay.payment.privacy;

import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.idempotency.IdempotencyStore;
import io.emberpay.starter.inbox.ReceivedEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * payment-service's part of a user's erasure ({@code user.erasure_requested}, in the
 * inbox's transaction, idempotent). Payments stay, with their amounts, states and ids, so
 * the merchant's books and the ledger still add up; what tied them to a person goes: the
 * device and address they were made from, the free-text description and metadata, and the
 * card fingerprint that links one card's payments. Saved cards are detached and their
 * numbers crypto-shredded (ciphertext and wrapped data key deleted), which also ends
 * every off-session consent on them; the user's stored idempotent responses are deleted.
 */
@Component
class UserErasure {

	static final String ERASED = "erased";

	private final JdbcClient jdbc;

	private final IdempotencyStore idempotency;

	UserErasure(JdbcClient jdbc, IdempotencyStore idempotency) {
		this.jdbc = jdbc;
		this.idempotency = idempotency;
	}

	void handle(ReceivedEvent received) {
		if (received.event() instanceof AuthEvent.UserErasureRequested erasure) {
			erase(erasure.subject());
		}
	}

	void erase(String userId) {
		this.jdbc.sql("""
				update payment set description = null, metadata = '{}', device_id = null, ip = null,
				    card_fingerprint = ?
				where user_id = ? and (device_id is not null or ip is not null or description is not null
				    or metadata <> '{}' or card_fingerprint <> ?)""").params(ERASED, userId, ERASED).update();
		this.jdbc.sql("""
				update vault.payment_method set detached_at = coalesce(detached_at, now()),
				    number_ciphertext = null, wrapped_data_key = null, fingerprint = ?
				where user_id = ?""").params(ERASED, userId).update();
		this.jdbc.sql("""
				update setup_intent set status = 'canceled', canceled_at = coalesce(canceled_at, now())
				where user_id = ? and status = 'succeeded'""").param(userId).update();
		this.idempotency.forgetCaller(userId);
	}

}
