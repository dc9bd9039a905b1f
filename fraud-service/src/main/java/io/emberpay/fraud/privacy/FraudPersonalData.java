package io.emberpay.fraud.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.starter.privacy.PersonalDataRows;
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

	private final PersonalDataRows rows;

	FraudPersonalData(JdbcClient jdbc) {
		this.rows = new PersonalDataRows(jdbc);
	}

	@Override
	public Map<String, Object> personalData(String userId) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("payment_attempts", this.rows.of("""
				select payment_id as payment, merchant_id as merchant, amount, currency, device_id, ip, ip_country,
				       occurred_at, outcome, score, decision
				from payment_attempt where user_id = ? order by occurred_at limit ?""", userId));
		part.put("devices",
				this.rows.of("select device_id, first_seen from user_device where user_id = ? limit ?", userId));
		return part;
	}

}
