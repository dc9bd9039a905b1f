package io.emberpay.fraud.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.starter.privacy.PersonalDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * fraud-service's part of a user's personal-data export (auth-service assembles the
 * whole): the payment attempts it scored, with where they came from, and the devices the
 * user proved.
 */
@Component
class FraudPersonalData implements PersonalDataSource {

	/** Bounds one export; attempts are pruned by age anyway. */
	private static final int MAX_ROWS = 10_000;

	private final JdbcClient jdbc;

	FraudPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Object> personalData(String userId) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("payment_attempts", rows("""
				select payment_id as payment, merchant_id as merchant, amount, currency, device_id, ip, ip_country,
				       occurred_at, outcome, score, decision
				from payment_attempt where user_id = ? order by occurred_at limit ?""", userId));
		part.put("devices", rows("select device_id, first_seen from user_device where user_id = ? limit ?", userId));
		return part;
	}

	private List<Map<String, Object>> rows(String sql, String userId) {
		return this.jdbc.sql(sql).params(userId, MAX_ROWS).query().listOfRows();
	}

}
