package io.emberpay.ledger.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.emberpay.ledger.LedgerError;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;

/**
 * Parses the PSP simulator's settlement CSV
 * ({@code psp_reference,type,reference,amount,currency,fee,settled_at}). The format has
 * no quoting: a field with a comma or quote is refused rather than guessed at.
 */
public final class SettlementFile {

	static final String HEADER = "psp_reference,type,reference,amount,currency,fee,settled_at";

	static final int MAX_LINES = 100_000;

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private SettlementFile() {
	}

	public static List<SettlementLine> parse(String csv) {
		String[] rows = csv.strip().split("\r?\n");
		if (rows.length == 0 || !rows[0].strip().equals(HEADER)) {
			throw invalid(1, "the header must be " + HEADER);
		}
		if (rows.length - 1 > MAX_LINES) {
			throw invalid(rows.length, "a file has at most " + MAX_LINES + " lines");
		}
		List<SettlementLine> lines = new ArrayList<>(rows.length - 1);
		for (int i = 1; i < rows.length; i++) {
			if (!rows[i].isBlank()) {
				lines.add(line(i + 1, rows[i].strip()));
			}
		}
		return lines;
	}

	private static SettlementLine line(int number, String row) {
		String[] fields = row.split(",", -1);
		if (fields.length != 7) {
			throw invalid(number, "expected 7 fields, found " + fields.length);
		}
		String pspReference = id(number, fields[0], "psp_reference");
		String type = fields[1];
		if (!List.of("capture", "refund", "payout", "dispute", "return").contains(type)) {
			throw invalid(number, "type must be capture, refund, payout, dispute or return");
		}
		String reference = id(number, fields[2], "reference");
		long amount = number(number, fields[3], "amount");
		if (amount <= 0) {
			throw invalid(number, "amount must be positive");
		}
		String currency;
		try {
			currency = Money.currency(fields[4]).getCurrencyCode();
		}
		catch (ApiException ex) {
			throw invalid(number, ex.getMessage());
		}
		long fee = number(number, fields[5], "fee");
		if (fee < 0) {
			throw invalid(number, "fee must not be negative");
		}
		return new SettlementLine(number, pspReference, type, reference, amount, currency, fee, fields[6]);
	}

	private static String id(int number, String value, String field) {
		if (!ID.matcher(value).matches()) {
			throw invalid(number, field + " is not an identifier");
		}
		return value;
	}

	private static long number(int number, String value, String field) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw invalid(number, field + " must be an integer in minor units");
		}
	}

	private static ApiException invalid(int line, String detail) {
		return new ApiException(LedgerError.SETTLEMENT_FILE_INVALID, "Line " + line + ": " + detail, "file");
	}

}
