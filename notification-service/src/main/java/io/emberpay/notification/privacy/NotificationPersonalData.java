package io.emberpay.notification.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.starter.privacy.PersonalDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * notification-service's part of a user's personal-data export (auth-service assembles
 * the whole): the address on file, the preferences and every notice sent or due.
 */
@Component
class NotificationPersonalData implements PersonalDataSource {

	/**
	 * A user's notices are bounded by what the platform sends them; this caps a runaway.
	 */
	private static final int MAX_NOTICES = 10_000;

	private final JdbcClient jdbc;

	NotificationPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Object> personalData(String userId) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("email_on_file",
				this.jdbc.sql("select email from user_contact where user_id = ?")
					.param(userId)
					.query(String.class)
					.optional()
					.orElse(null));
		part.put("preferences",
				this.jdbc.sql("""
						select receipts_email, receipts_push, alerts_email, alerts_push, updated_at
						from notification_preference where user_id = ?""")
					.param(userId)
					.query()
					.listOfRows()
					.stream()
					.findFirst()
					.orElse(null));
		List<Map<String, Object>> notices = this.jdbc.sql("""
				select id, channel, kind, subject, body, state, created_at, sent_at from user_notice
				where recipient = ? order by created_at, id limit ?""")
			.params(userId, MAX_NOTICES)
			.query()
			.listOfRows();
		part.put("notices", notices);
		return part;
	}

}
