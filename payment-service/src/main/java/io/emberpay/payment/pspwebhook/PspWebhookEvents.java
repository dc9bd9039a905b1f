package io.emberpay.payment.pspwebhook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Acquirers' webhook events as received, one row per acquirer event id. */
@Repository
class PspWebhookEvents {

	private final JdbcClient jdbc;

	PspWebhookEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores an event unless it is already stored; answers whether it is new. A second
	 * delivery racing the first waits for it on the key and then finds it.
	 */
	boolean insertIfNew(String acquirer, String eventId, String type, boolean livemode, String payload) {
		return this.jdbc.sql("""
				insert into psp_webhook_event (acquirer, event_id, type, livemode, payload, outcome)
				values (?, ?, ?, ?, ?, 'received') on conflict do nothing""")
			.params(acquirer, eventId, type, livemode, payload)
			.update() == 1;
	}

	void recordOutcome(String acquirer, String eventId, String outcome) {
		this.jdbc.sql("update psp_webhook_event set outcome = ? where acquirer = ? and event_id = ?")
			.params(outcome, acquirer, eventId)
			.update();
	}

	String outcome(String acquirer, String eventId) {
		return this.jdbc.sql("select outcome from psp_webhook_event where acquirer = ? and event_id = ?")
			.params(acquirer, eventId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
