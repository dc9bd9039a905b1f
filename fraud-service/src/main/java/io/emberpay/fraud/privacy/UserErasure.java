package io.emberpay.fraud.privacy;

import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.inbox.ReceivedEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * fraud-service's part of a user's erasure ({@code user.erasure_requested}, in the
 * inbox's transaction, idempotent). The user's payment attempts stay as anonymous counts
 * (amount, time, the keyed card fingerprint that catches a stolen card used by others)
 * but lose the device, address and location they came from; the user's own statistics,
 * failure streaks and proven devices go. Blocklist entries are operators' decisions about
 * cards and devices, not about the user, and stay.
 */
@Component
class UserErasure {

	private final JdbcClient jdbc;

	UserErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void handle(ReceivedEvent received) {
		if (received.event() instanceof AuthEvent.UserErasureRequested erasure) {
			erase(erasure.subject());
		}
	}

	void erase(String userId) {
		this.jdbc.sql("""
				update payment_attempt set user_id = null, device_id = null, ip = null, ip_country = null,
				    latitude = null, longitude = null
				where user_id = ?""").param(userId).update();
		this.jdbc.sql("delete from amount_stats where scope = 'user' and subject = ?").param(userId).update();
		this.jdbc.sql("delete from failure_streak where scope in ('payment_user', 'login_user') and subject = ?")
			.param(userId)
			.update();
		this.jdbc.sql("delete from user_device where user_id = ?").param(userId).update();
	}

}
