package io.emberpay.notification.notice;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users' notification preferences. */
@Repository
class PreferenceStore {

	private final JdbcClient jdbc;

	PreferenceStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	NotificationPreferences find(String user) {
		return this.jdbc.sql("""
				select receipts_email, receipts_push, alerts_email, alerts_push
				from notification_preference where user_id = ?""")
			.param(user)
			.query((rs, row) -> new NotificationPreferences("notification_preferences", rs.getBoolean(1),
					rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
			.optional()
			.orElse(NotificationPreferences.DEFAULTS);
	}

	void save(String user, NotificationPreferences preferences, Instant now) {
		this.jdbc.sql("""
				insert into notification_preference (user_id, receipts_email, receipts_push, alerts_email,
				    alerts_push, updated_at)
				values (?, ?, ?, ?, ?, ?)
				on conflict (user_id) do update set receipts_email = excluded.receipts_email,
				    receipts_push = excluded.receipts_push, alerts_email = excluded.alerts_email,
				    alerts_push = excluded.alerts_push, updated_at = excluded.updated_at""")
			.params(user, preferences.receiptsEmail(), preferences.receiptsPush(), preferences.alertsEmail(),
					preferences.alertsPush(), Timestamp.from(now))
			.update();
	}

}
