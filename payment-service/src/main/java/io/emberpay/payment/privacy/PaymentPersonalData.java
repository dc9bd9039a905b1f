package io.emberpay.payment.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.starter.privacy.PersonalDataRows;
import io.emberpay.starter.privacy.PersonalDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * payment-service's part of a user's personal-data export (auth-service assembles the
 * whole): saved payment methods (metadata only: never a number), payments with their
 * refunds, and off-session consents. Both modes: the data is the user's either way.
 */
@Component
class PaymentPersonalData implements PersonalDataSource {

	private final PersonalDataRows rows;

	PaymentPersonalData(JdbcClient jdbc) {
		this.rows = new PersonalDataRows(jdbc);
	}

	@Override
	public Map<String, Object> personalData(String userId) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("payment_methods", this.rows.of("""
				select id, brand, last4, exp_month, exp_year, created_at, detached_at from vault.payment_method
				where user_id = ? order by id limit ?""", userId));
		part.put("payments", this.rows.of("""
				select id, merchant_id as merchant, amount, currency, status, amount_received, amount_refunded,
				       card_brand, card_last4, description, metadata, device_id, ip, livemode, created_at
				from payment where user_id = ? order by id limit ?""", userId));
		part.put("refunds", this.rows.of("""
				select r.id, r.payment_id as payment, r.amount, r.currency, r.status, r.created_at
				from refund r join payment p on p.id = r.payment_id
				where p.user_id = ? order by r.id limit ?""", userId));
		part.put("off_session_consents", this.rows.of("""
				select id, merchant, payment_method, status, livemode, created_at, canceled_at from setup_intent
				where user_id = ? order by id limit ?""", userId));
		return part;
	}

}
