package io.emberpay.fraud.privacy;

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
 * fraud-service's part of a user's personal-data export (auth-service assembles the
 * whole): the payment attempts it scored, with where they came from, and the devices the
 * user proved.
 */
@RestController
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class PersonalDataController {

	/** Bounds one export; attempts are pruned by age anyway. */
	private static final int MAX_ROWS = 10_000;

	private final JdbcClient jdbc;

	PersonalDataController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@InternalCallers("auth-service")
	@GetMapping("/internal/v1/users/{id}/personal_data")
	@Operation(summary = "What fraud-service holds about a user")
	Map<String, Object> personalData(@PathVariable String id) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("payment_attempts", rows("""
				select payment_id as payment, merchant_id as merchant, amount, currency, device_id, ip, ip_country,
				       occurred_at, outcome, score, decision
				from payment_attempt where user_id = ? order by occurred_at limit ?""", id));
		part.put("devices", rows("select device_id, first_seen from user_device where user_id = ? limit ?", id));
		return part;
	}

	private List<Map<String, Object>> rows(String sql, String userId) {
		return this.jdbc.sql(sql).params(userId, MAX_ROWS).query().listOfRows();
	}

}
