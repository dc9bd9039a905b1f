package io.emberpay.fraud.audit;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/fraud/audit}: operators read who changed lists and thresholds, newest
 * first; {@code starting_after} is the id of the last entry of the previous page.
 */
@RestController
class AuditController {

	private final JdbcClient jdbc;

	AuditController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/v1/fraud/audit")
	ListPage<AuditEntry> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		OperatorAccess.require(caller);
		PageQuery page = PageQuery.of(limit, startingAfter);
		long before = (page.startingAfter() == null) ? Long.MAX_VALUE : entryId(page.startingAfter());
		var rows = this.jdbc.sql("""
				select id, actor, action, target, detail, occurred_at from operator_audit
				where id < ? order by id desc limit ?""")
			.params(before, page.limit() + 1)
			.query((rs, row) -> new AuditEntry(Long.toString(rs.getLong("id")), rs.getString("actor"),
					rs.getString("action"), rs.getString("target"), rs.getString("detail"),
					rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
			.list();
		return ListPage.of(rows, page.limit(), entry -> entry);
	}

	private static long entryId(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("starting_after", "starting_after must be an audit entry id");
		}
	}

	record AuditEntry(String id, String actor, String action, String target, String detail, Instant occurredAt) {
	}

}
