package io.emberpay.fraud.features;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts failures in a row per user or card; a success starts the count again. */
@Component
class FailureStreaks {

	private final JdbcClient jdbc;

	FailureStreaks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void failed(StreakScope scope, String subject) {
		if (subject == null) {
			return;
		}
		this.jdbc.sql("""
				insert into failure_streak as f (scope, subject, failures) values (:scope, :subject, 1)
				on conflict (scope, subject) do update set failures = f.failures + 1, updated_at = now()""")
			.param("scope", scope.code())
			.param("subject", subject)
			.update();
	}

	void succeeded(StreakScope scope, String subject) {
		if (subject == null) {
			return;
		}
		this.jdbc.sql(
				"update failure_streak set failures = 0, updated_at = now() where scope = :scope and subject = :subject and failures > 0")
			.param("scope", scope.code())
			.param("subject", subject)
			.update();
	}

}
