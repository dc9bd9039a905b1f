package io.emberpay.psp.settlement;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The settlement report as CSV (RFC 4180, LF line ends):
 * {@code psp_reference,type,reference,amount,currency,fee,settled_at}. References are
 * restricted on the way in; quoting here still keeps a stray comma or quote from shifting
 * columns.
 */
final class SettlementCsv {

	static final String HEADER = "psp_reference,type,reference,amount,currency,fee,settled_at";

	private SettlementCsv() {
	}

	static String render(List<SettlementLine> lines) {
		StringBuilder csv = new StringBuilder(HEADER.length() + 1 + lines.size() * 128);
		csv.append(HEADER).append('\n');
		for (SettlementLine line : lines) {
			csv.append(field(line.pspReference()))
				.append(',')
				.append(line.type().wireName())
				.append(',')
				.append(field(line.reference()))
				.append(',')
				.append(line.amount())
				.append(',')
				.append(field(line.currency()))
				.append(',')
				.append(line.fee())
				.append(',')
				.append(DateTimeFormatter.ISO_INSTANT.format(line.settledAt()))
				.append('\n');
		}
		return csv.toString();
	}

	private static String field(String value) {
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}

}
