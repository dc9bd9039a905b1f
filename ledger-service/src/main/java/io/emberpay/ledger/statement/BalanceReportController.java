package io.emberpay.ledger.statement;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/reports/balance?from&to}: the merchant's balance statement as CSV. Each
 * end is an RFC 3339 time or a date (its midnight UTC); the range is half-open and at
 * most {@value #MAX_DAYS} days long.
 */
@RestController
class BalanceReportController {

	static final int MAX_DAYS = 92;

	private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final BalanceStatements statements;

	BalanceReportController(BalanceStatements statements) {
		this.statements = statements;
	}

	@GetMapping("/v1/reports/balance")
	@ApiResponse(responseCode = "200", description = "The statement",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	ResponseEntity<String> balanceReport(Caller caller, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only a merchant has a balance statement");
		}
		Instant start = parse("from", from);
		Instant end = parse("to", to);
		if (!start.isBefore(end)) {
			throw ApiException.invalid("to", "to must be after from");
		}
		if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
			throw ApiException.invalid("to", "A statement covers at most " + MAX_DAYS + " days");
		}
		List<BalanceStatements.CurrencyStatement> statement = this.statements.statement(caller.id(), caller.livemode(),
				start, end);
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"" + ("balance_" + start + "_" + end).replace(':', '-') + ".csv\"")
			.body(StatementCsv.write(statement, start, end));
	}

	private static Instant parse(String param, String value) {
		if (value == null || value.isBlank()) {
			throw ApiException.invalid(param, param + " is required: an RFC 3339 time or a date");
		}
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalid(param,
					param + " must be an RFC 3339 time such as 2026-11-22T01:02:03Z or a date such as 2026-11-22");
		}
	}

}
