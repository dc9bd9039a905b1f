package io.emberpay.psp.settlement;

import java.time.Instant;
import java.util.Locale;

/**
 * One line of an acquirer's settlement report: money moved for a capture, a refund, a
 * payout to a merchant's bank account or a cardholder's dispute. {@code amount} and
 * {@code fee} are positive minor units; the type says which way the amount goes.
 *
 * @param pspReference the acquirer's id: the authorization id for a capture, the refund
 * id for a refund, the payout id for a payout
 * @param reference the caller's id: its {@code pay_} id for a capture, {@code re_} for a
 * refund, {@code po_} for a payout, the disputed payment's {@code pay_} for a dispute
 */
public record SettlementLine(String pspReference, Type type, String reference, long amount, String currency, long fee,
		Instant settledAt) {

	public enum Type {

		/**
		 * The bank took a settled debit back: the acquirer no longer owes its amount
		 * ({@code pspReference} the authorization id, {@code reference} the {@code pay_}
		 * id).
		 */
		CAPTURE, REFUND, PAYOUT, RETURN, DISPUTE;

		String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
