package io.emberpay.notification.privacy;

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
 * notification-service's part of a user's personal-data export (auth-service assembles
 * the whole): the address on file, the preferences and every notice sent or due.
 */
@RestController
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class PersonalDataController {

	/**
	 * A user's notices are bounded by what the platform sends them; this caps a runaway.
	 */
	private static final int MAX_NOTICES = 10_000;

	private final JdbcClient jdbc;

	PersonalDataController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@InternalCallers("auth-service")
	@GetMapping("/internal/v1/users/{id}/personal_data")
	@Operation(summary = "What notification-service holds about a user")
	Map<String, Object> personalData(@PathVariable String id) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("email_on_file",
				this.jdbc.sql("select email from user_contact where user_id = ?")
					.param(id)
					.query(String.class)
					.optional()
					.orElse(null));
		part.put("preferences",
				this.jdbc.sql("""
						select receipts_email, receipts_push, alerts_email, alerts_push, updated_at
						from notification_preference where user_id = ?""")
					.param(id)
					.query()
					.listOfRows()
					.stream()
					.findFirst()
					.orElse(null));
		List<Map<String, Object>> notices = this.jdbc.sql("""
				select id, channel, kind, subject, body, state, created_at, sent_at from user_notice
				where recipient = ? order by created_at, id limit ?""").params(id, MAX_NOTICES).query().listOfRows();
		part.put("notices", notices);
		return part;
	}

}
