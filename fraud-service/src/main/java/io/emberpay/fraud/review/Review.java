package io.emberpay.fraud.review;

import java.time.Instant;
import java.util.List;

/**
 * A payment the engine sent to review: what the engine saw, and the operator's verdict
 * ({@code status} {@code pending}, {@code approved} or {@code declined}) with its note.
 */
record Review(String object, String payment, String merchant, long amount, String currency, Integer score,
		List<String> reasons, String outcome, Instant occurredAt, String status, String decidedBy, String note,
		Instant decidedAt) {

	Review(String payment, String merchant, long amount, String currency, Integer score, List<String> reasons,
			String outcome, Instant occurredAt, String status, String decidedBy, String note, Instant decidedAt) {
		this("fraud_review", payment, merchant, amount, currency, score, reasons, outcome, occurredAt, status,
				decidedBy, note, decidedAt);
	}

}
