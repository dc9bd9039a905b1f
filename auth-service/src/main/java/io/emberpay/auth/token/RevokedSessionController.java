package io.emberpay.auth.token;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.emberpay.starter.security.InternalCallers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sessions ended lately (logout, password change, refresh-token reuse), and the
 * merchant team grants ended (a member removed or given another role: the {@code grant}
 * of their merchant tokens), for the gateway: it polls this feed and refuses their access
 * tokens at once instead of when they expire. Session ids are no secret: every access
 * token of the session carries its own.
 */
@RestController
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class RevokedSessionController {

	private static final int MAX_ROWS = 1000;

	private final JdbcClient jdbc;

	RevokedSessionController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@InternalCallers("gateway")
	@GetMapping("/internal/v1/sessions/revoked")
	@Operation(summary = "Sessions revoked at or after a time",
			description = "Oldest first, at most 1000; ask again from the last revoked_at for more.")
	RevokedSessions revokedSince(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since) {
		List<RevokedSession> sessions = this.jdbc.sql("""
				select id, revoked_at from (
				    select id, revoked_at from auth_session where revoked_at >= ?
				    union all
				    select grant_id, revoked_at from member_grant_revoked where revoked_at >= ?
				) revoked order by revoked_at limit ?""")
			.params(Timestamp.from(since), Timestamp.from(since), MAX_ROWS)
			.query((rs, n) -> new RevokedSession(rs.getString("id"), rs.getTimestamp("revoked_at").toInstant()))
			.list();
		return new RevokedSessions(sessions);
	}

	record RevokedSessions(List<RevokedSession> data) {
	}

	record RevokedSession(String session, Instant revokedAt) {
	}

}
