package io.emberpay.ledger.reconciliation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import io.emberpay.starter.security.InternalCallers;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import jakarta.validation.constraints.NotNull;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators import settlement files (fetched from the PSP or uploaded as CSV) and list
 * the exceptions they raised.
 */
@RestController
@Validated
class ReconciliationController {

	private static final Pattern PSP = Pattern.compile("[a-z0-9-]{1,32}");

	private final PspSettlementClient psps;

	private final SettlementImporter importer;

	private final JdbcClient jdbc;

	ReconciliationController(PspSettlementClient psps, SettlementImporter importer, JdbcClient jdbc) {
		this.psps = psps;
		this.importer = importer;
		this.jdbc = jdbc;
	}

	/** Fetches {@code GET {psp-simulator}/{psp}/v1/settlements/{date}} and imports it. */
	@InternalCallers(operators = true)
	@PostMapping("/internal/v1/reconciliations")
	ReconciliationReport fetchAndImport(Caller caller, @RequestBody FetchRequest request) {
		OperatorAccess.require(caller);
		String psp = psp(request.psp());
		LocalDate date = date(request.date());
		return this.importer.importLines(psp, date, SettlementFile.parse(this.psps.fetch(psp, date)), caller.id());
	}

	/** Imports an uploaded settlement file ({@code text/csv}). */
	@InternalCallers(operators = true)
	@PostMapping(path = "/internal/v1/reconciliations/{psp}/{date}", consumes = "text/csv")
	ReconciliationReport upload(Caller caller, @PathVariable("psp") String psp, @PathVariable("date") String date,
			@RequestBody String csv) {
		OperatorAccess.require(caller);
		return this.importer.importLines(psp(psp), date(date), SettlementFile.parse(csv), caller.id());
	}

	@InternalCallers(operators = true)
	@GetMapping("/internal/v1/reconciliation_exceptions")
	ListPage<ReconciliationReport.ExceptionView> exceptions(Caller caller,
			@RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		OperatorAccess.require(caller);
		return exceptions(PageQuery.of(limit, startingAfter));
	}

	/**
	 * The same list for an operator through the gateway (the operator console), newest
	 * first.
	 */
	@GetMapping("/v1/ledger/reconciliation_exceptions")
	ListPage<ReconciliationReport.ExceptionView> exceptionsForOperator(Caller caller,
			@RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		OperatorAccess.require(caller);
		return exceptions(PageQuery.of(limit, startingAfter));
	}

	private ListPage<ReconciliationReport.ExceptionView> exceptions(PageQuery page) {
		List<ReconciliationReport.ExceptionView> rows = this.jdbc.sql("""
				select id, psp, settlement_date, psp_reference, type, reference, problem, expected_amount,
				       reported_amount, currency
				  from reconciliation_exception
				 where (cast(:after as varchar) is null or id < :after)
				 order by id desc limit :rows""")
			.param("after", page.startingAfter())
			.param("rows", page.limit() + 1)
			.query((rs, row) -> new ReconciliationReport.ExceptionView(rs.getString(1), "reconciliation_exception",
					rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7), (Long) rs.getObject(8, Long.class), rs.getLong(9),
					rs.getString(10)))
			.list();
		return ListPage.of(rows, page.limit(), row -> row);
	}

	private static String psp(String psp) {
		if (psp == null || !PSP.matcher(psp).matches()) {
			throw ApiException.invalid("psp", "psp must name an acquirer such as psp-a");
		}
		return psp;
	}

	private static LocalDate date(String date) {
		try {
			return LocalDate.parse(date);
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw ApiException.invalid("date", "date must be a day such as 2026-11-22");
		}
	}

	record FetchRequest(@NotNull String psp, @NotNull String date) {
	}

}
