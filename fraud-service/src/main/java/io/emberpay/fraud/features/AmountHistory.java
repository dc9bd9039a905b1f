package io.emberpay.fraud.features;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds authorized amounts to the running statistics in one atomic upsert, using the
 * recurrence of {@link AmountStats#add}: mean' = mean + (x - mean) / (n + 1), m2' = m2 +
 * (x - mean)^2 * n / (n + 1).
 */
@Component
class AmountHistory {

	private final JdbcClient jdbc;

	AmountHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(String scope, String subject, String currency, long amountMinor) {
		this.jdbc.sql("""
				insert into amount_stats as s (scope, subject, currency, samples, mean_log, m2_log)
				values (:scope, :subject, :currency, 1, :x, 0)
				on conflict (scope, subject, currency) do update set
				    samples = s.samples + 1,
				    mean_log = s.mean_log + (excluded.mean_log - s.mean_log) / (s.samples + 1),
				    m2_log = s.m2_log + (excluded.mean_log - s.mean_log) * (excluded.mean_log - s.mean_log)
				        * s.samples / (s.samples + 1),
				    updated_at = now()""")
			.param("scope", scope)
			.param("subject", subject)
			.param("currency", currency)
			.param("x", Math.log(amountMinor))
			.update();
	}

}
