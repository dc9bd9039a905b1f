package io.emberpay.ledger.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.request.RequestId;
import io.emberpay.starter.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The exceptions reconciliation raised, and their resolutions. An exception is open until
 * an operator resolves it, once: the {@code reconciliation_resolution} row (insert-only,
 * one per exception) is the audit of who closed it, when, why and under which request. A
 * resolution moves no money.
 */
@Component
class ReconciliationExceptions {

	static final int MAX_NOTE = 500;

	private static final Logger log = LoggerFactory.getLogger(ReconciliationExceptions.class);

	private static final String SELECT = """
			select x.id, x.psp, x.settlement_date, x.psp_reference, x.type, x.reference, x.problem,
			       x.expected_amount, x.reported_amount, x.currency, r.resolution, r.note, r.resolved_by, r.resolved_at
			  from reconciliation_exception x
			  left join reconciliation_resolution r on r.exception_id = x.id
			""";

	private final JdbcClient jdbc;

	ReconciliationExceptions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Newest first, {@code limit + 1} rows so the caller knows whether more exist. */
	List<ReconciliationReport.ExceptionView> list(StatusFilter status, String startingAfter, int limit) {
		return this.jdbc.sql(SELECT + """
				where (cast(:after as varchar) is null or x.id < :after)
				  and (:status = 'all' or (:status = 'open') = (r.exception_id is null))
				order by x.id desc limit :rows""")
			.param("after", new SqlParameterValue(Types.VARCHAR, startingAfter))
			.param("status", status.code())
			.param("rows", limit + 1)
			.query(ReconciliationExceptions::view)
			.list();
	}

	Optional<ReconciliationReport.ExceptionView> find(String id) {
		return this.jdbc.sql(SELECT + " where x.id = ?").param(id).query(ReconciliationExceptions::view).optional();
	}

	/**
	 * Closes an open exception. The unique key makes a second resolution, even a
	 * concurrent one, a {@code 409 state_conflict}.
	 */
	@Transactional
	ReconciliationReport.ExceptionView resolve(Caller operator, String id, Resolution resolution, String note) {
		ReconciliationReport.ExceptionView exception = find(id)
			.orElseThrow(() -> ApiException.notFound("reconciliation exception", id));
		if (exception.resolution() == null) {
			int inserted = this.jdbc.sql("""
					insert into reconciliation_resolution (exception_id, resolution, note, resolved_by, correlation_id)
					values (?, ?, ?, ?, ?) on conflict (exception_id) do nothing""")
				.params(id, resolution.code(), note, operator.id(), RequestId.current())
				.update();
			if (inserted == 1) {
				log.info("Reconciliation exception {} resolved as {} by {}", id, resolution.code(), operator.id());
				return find(id).orElseThrow();
			}
		}
		ReconciliationReport.ExceptionView closed = find(id).orElseThrow();
		throw new ApiException(CommonError.STATE_CONFLICT,
				"Reconciliation exception " + id + " was already resolved by " + closed.resolution().resolvedBy() + " ("
						+ closed.resolution().resolution() + ")");
	}

	private static ReconciliationReport.ExceptionView view(ResultSet rs, int row) throws SQLException {
		String resolution = rs.getString("resolution");
		OffsetDateTime resolvedAt = rs.getObject("resolved_at", OffsetDateTime.class);
		return new ReconciliationReport.ExceptionView(rs.getString("id"), "reconciliation_exception",
				rs.getString("psp"), rs.getObject("settlement_date", LocalDate.class), rs.getString("psp_reference"),
				rs.getString("type"), rs.getString("reference"), rs.getString("problem"),
				(Long) rs.getObject("expected_amount", Long.class), rs.getLong("reported_amount"),
				rs.getString("currency"), (resolution == null) ? "open" : "resolved",
				(resolution == null) ? null : new ReconciliationReport.ResolutionView(resolution, rs.getString("note"),
						rs.getString("resolved_by"), resolvedAt.toInstant()));
	}

	/** Which exceptions a list shows. */
	enum StatusFilter {

		OPEN("open"), RESOLVED("resolved"), ALL("all");

		private final String code;

		StatusFilter(String code) {
			this.code = code;
		}

		String code() {
			return this.code;
		}

		/** Without a filter every exception is listed, as before resolutions existed. */
		static StatusFilter of(String status) {
			if (status == null) {
				return ALL;
			}
			for (StatusFilter filter : values()) {
				if (filter.code.equals(status)) {
					return filter;
				}
			}
			throw ApiException.invalid("status", "status must be open, resolved or all");
		}

	}

}
