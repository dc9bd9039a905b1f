package io.emberpay.subscription.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.starter.privacy.PersonalDataRows;
import io.emberpay.starter.privacy.PersonalDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * subscription-service's part of a user's personal-data export (auth-service assembles
 * the whole): subscriptions, invoices and entitlements, in both modes.
 */
@Component
class SubscriptionPersonalData implements PersonalDataSource {

	private final PersonalDataRows rows;

	SubscriptionPersonalData(JdbcClient jdbc) {
		this.rows = new PersonalDataRows(jdbc);
	}

	@Override
	public Map<String, Object> personalData(String userId) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("subscriptions", this.rows.of("""
				select id, merchant, product, price, tier, status, current_period_start, current_period_end,
				       canceled_at, ended_at, livemode, created
				from subscription where customer = ? order by id limit ?""", userId));
		part.put("invoices", this.rows.of("""
				select id, subscription, merchant, currency, status, billing_reason, period_start, period_end,
				       payment, livemode, created, paid_at
				from invoice where customer = ? order by id limit ?""", userId));
		part.put("entitlements", this.rows.of("""
				select id, merchant, tier, source, expires_at, revoked_at, livemode, created
				from entitlement where customer = ? order by id limit ?""", userId));
		return part;
	}

}
