package io.emberpay.ledger.reconciliation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import io.emberpay.starter.security.InternalCallers;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import jakarta.validation.constraints.NotNull;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators import settlement files (fetched from the PSP or uploaded as CSV), list the
 * exceptions they raised and resolve them.
 */
@RestController
@Validated
class ReconciliationController {

	private static final Pattern PSP = Pattern.compile("[a-z0-9-]{1,32}");

	private final PspSettlementClient psps;

	private final SettlementImporter importer;

	private final ReconciliationExceptions exceptions;

	ReconciliationController(PspSettlementClient psps, SettlementImporter importer,
			ReconciliationExceptions exceptions) {
		this.psps = psps;
		this.importer = importer;
		this.exceptions = exceptions;
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
			@RequestParam(name = "starting_after", required = false) String startingAfter,
			@RequestParam(required = false) String status) {
		OperatorAccess.require(caller);
		return exceptions(PageQuery.of(limit, startingAfter), status);
	}

	/**
	 * The same list for an operator through the gateway (the operator console), newest
	 * first; {@code status} {@code open}, {@code resolved} or {@code all} (the default).
	 */
	@GetMapping("/v1/ledger/reconciliation_exceptions")
	ListPage<ReconciliationReport.ExceptionView> exceptionsForOperator(Caller caller,
			@RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter,
			@RequestParam(required = false) String status) {
		OperatorAccess.require(caller);
		return exceptions(PageQuery.of(limit, startingAfter), status);
	}

	@GetMapping("/v1/ledger/reconciliation_exceptions/{id}")
	ReconciliationReport.ExceptionView exception(Caller caller, @PathVariable("id") String id) {
		OperatorAccess.require(caller);
		return this.exceptions.find(id).orElseThrow(() -> ApiException.notFound("reconciliation exception", id));
	}

	/**
	 * Closes an open exception with a reason code and a note, once; the resolution is
	 * kept insert-only with the operator, the time and the request id.
	 */
	@PostMapping("/v1/ledger/reconciliation_exceptions/{id}/resolve")
	ReconciliationReport.ExceptionView resolve(Caller caller, @PathVariable("id") String id,
			@RequestBody(required = false) ResolveRequest request) {
		OperatorAccess.require(caller);
		if (request == null) {
			throw ApiException.invalid("resolution", "resolution is required: one of " + Resolution.codes());
		}
		Resolution resolution = Resolution.fromCode(request.resolution())
			.orElseThrow(() -> ApiException.invalid("resolution", "resolution must be one of " + Resolution.codes()));
		String note = (request.note() == null) ? "" : request.note().strip();
		if (note.isEmpty() || note.length() > ReconciliationExceptions.MAX_NOTE) {
			throw ApiException.invalid("note", "note is required: say why, in 1 to " + ReconciliationExceptions.MAX_NOTE
					+ " characters, for the audit");
		}
		return this.exceptions.resolve(caller, id, resolution, note);
	}

	private ListPage<ReconciliationReport.ExceptionView> exceptions(PageQuery page, String status) {
		ReconciliationExceptions.StatusFilter filter = ReconciliationExceptions.StatusFilter.of(status);
		return ListPage.of(this.exceptions.list(filter, page.startingAfter(), page.limit()), page.limit(), row -> row);
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

	/** How and why an operator closes an exception. */
	record ResolveRequest(String resolution, String note) {
	}

}
