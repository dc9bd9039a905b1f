package io.emberpay.auth.privacy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.emberpay.auth.account.Accounts;
import io.emberpay.auth.account.UserAccount;
import io.emberpay.starter.internal.InternalServices;
import io.emberpay.starter.internal.ServiceRefused;
import io.emberpay.starter.internal.ServiceUnreachable;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * Everything the platform holds about one user: auth-service's own records, then each
 * other service's part fetched from its internal API. An export missing a part would look
 * complete and is not, so a service that does not answer makes the whole export a 503.
 */
@Service
class PersonalDataExport {

	private final Accounts accounts;

	private final JdbcClient jdbc;

	/** Each service's part, by the service's name. */
	private final Map<String, PersonalDataParts> parts = new TreeMap<>();

	private final PersonalDataProperties properties;

	private final Clock clock;

	PersonalDataExport(Accounts accounts, JdbcClient jdbc, InternalServices services, PersonalDataProperties properties,
			Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		properties.sources()
			.forEach((service, url) -> this.parts.put(service,
					services.client(PersonalDataParts.class, service, url, properties.timeout())));
		this.properties = properties;
		this.clock = clock;
	}

	Map<String, Object> export(String userId) {
		UserAccount user = this.accounts.byId(userId).orElseThrow(() -> ApiException.notFound("user", userId));
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("object", "personal_data_export");
		export.put("user", user.id());
		export.put("created", this.clock.instant());
		export.put("auth", authPart(user));
		this.parts
			.forEach((service, part) -> export.put(service.replace("-service", ""), fetch(service, part, userId)));
		return export;
	}

	private JsonNode fetch(String service, PersonalDataParts part, String userId) {
		try {
			JsonNode data = part.of(userId);
			if (data == null) {
				throw unavailable(service);
			}
			return data;
		}
		catch (ServiceRefused | ServiceUnreachable ex) {
			throw unavailable(service);
		}
	}

	private static ApiException unavailable(String service) {
		return new ApiException(CommonError.SERVICE_UNAVAILABLE,
				"The export could not collect " + service + "'s part; try again shortly", null,
				java.time.Duration.ofSeconds(5));
	}

	private Map<String, Object> authPart(UserAccount user) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("email", user.email());
		part.put("email_verified", this.accounts.emailVerified(user.id()));
		part.put("roles", user.roles());
		part.put("created", user.createdAt());
		part.put("mfa", rows("select status, created_at, activated_at from totp_factor where user_id = ?", user.id()));
		part.put("devices", rows("""
				select device_id, fingerprint_hash, first_seen_at, last_seen_at from user_device
				where user_id = ? order by first_seen_at""", user.id()));
		part.put("sessions", rows("""
				select id, amr, device_id, created_at, expires_at, revoked_at, revoke_reason from auth_session
				where user_id = ? order by created_at""", user.id()));
		part.put("security_events", rows("""
				select event_id, event_type, occurred_at, origin, outcome from security_audit
				where subject = ? order by occurred_at, id""", user.id()));
		return part;
	}

	private List<Map<String, Object>> rows(String sql, String userId) {
		return this.jdbc.sql(sql).param(userId).query().listOfRows().stream().map(PersonalDataExport::json).toList();
	}

	/**
	 * Column values as JSON-friendly values: SQL arrays as lists, timestamps as instants.
	 */
	private static Map<String, Object> json(Map<String, Object> row) {
		Map<String, Object> out = new LinkedHashMap<>();
		row.forEach((column, value) -> {
			try {
				if (value instanceof java.sql.Array array) {
					value = List.of((Object[]) array.getArray());
				}
				else if (value instanceof java.sql.Timestamp at) {
					value = at.toInstant();
				}
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
			out.put(column, value);
		});
		return out;
	}

	/** A service's part of a user's export. */
	@HttpExchange(url = "/internal/v1", accept = "application/json")
	interface PersonalDataParts {

		@GetExchange("/users/{user}/personal_data")
		JsonNode of(@PathVariable String user);

	}

}
