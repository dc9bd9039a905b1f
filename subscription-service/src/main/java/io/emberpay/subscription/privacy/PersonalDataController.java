package io.emberpay.subscription.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.starter.security.InternalCallers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * subscription-service's part of a user's personal-data export (auth-service assembles
 * the whole): subscriptions, invoices and entitlements, in both modes.
 */
@RestController
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class PersonalDataController {

	/** Bounds one export; a user past it is a case for support, not a single response. */
	private static final int MAX_ROWS = 10_000;

	private final JdbcClient jdbc;

	PersonalDataController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@InternalCallers("auth-service")
	@GetMapping("/internal/v1/users/{id}/personal_data")
	@Operation(summary = "What subscription-service holds about a user")
	Map<String, Object> personalData(@PathVariable String id) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("subscriptions", rows("""
				select id, merchant, product, price, tier, status, current_period_start, current_period_end,
				       canceled_at, ended_at, livemode, created
				from subscription where customer = ? order by id limit ?""", id));
		part.put("invoices", rows("""
				select id, subscription, merchant, currency, status, billing_reason, period_start, period_end,
				       payment, livemode, created, paid_at
				from invoice where customer = ? order by id limit ?""", id));
		part.put("entitlements", rows("""
				select id, merchant, tier, source, expires_at, revoked_at, livemode, created
				from entitlement where customer = ? order by id limit ?""", id));
		return part;
	}

	private List<Map<String, Object>> rows(String sql, String userId) {
		return this.jdbc.sql(sql).params(userId, MAX_ROWS).query().listOfRows();
	}

}
