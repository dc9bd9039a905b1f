package io.emberpay.ledger.payment;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Captures and refunds the PSP owes or takes back, recorded with the posting that learnt
 * of them; reconciliation matches settlement lines against them.
 */
@Repository
public class PspMovements {

	private final JdbcClient jdbc;

	public PspMovements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(PspMovement movement, long transactionSeq) {
		this.jdbc.sql("""
				insert into psp_movement (type, reference, psp, amount, currency, platform_fee, settlement_amount,
				    settlement_currency, exchange_rate, transaction_seq, livemode)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (type, reference) do nothing""")
			.params(movement.type(), movement.reference(), movement.psp(), movement.amount(), movement.currency(),
					movement.platformFee(), movement.settlementAmount(), movement.settlementCurrency(),
					movement.exchangeRate(), transactionSeq, movement.livemode())
			.update();
	}

	public Optional<PspMovement> find(String type, String reference) {
		return this.jdbc.sql("""
				select type, reference, psp, amount, currency, platform_fee, settlement_amount, settlement_currency,
				       exchange_rate, livemode
				  from psp_movement where type = ? and reference = ?""")
			.params(type, reference)
			.query((rs, row) -> new PspMovement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getBigDecimal(9),
					rs.getBoolean(10)))
			.optional();
	}

	/**
	 * A capture, refund, return, payout or dispute ({@code type}), in the mode of the
	 * posting that learnt of it. Each amount is in the currency named beside it:
	 * {@code amount} in {@code currency}, as the acquirer moved it and reports it in its
	 * settlement file (reconciliation matches these two); {@code settlementAmount} and
	 * {@code platformFee} in {@code settlementCurrency}, what the merchant's balance and
	 * the platform's fees moved by. They differ only for a converted payment, at
	 * {@code exchangeRate} (null otherwise).
	 */
	public record PspMovement(String type, String reference, String psp, long amount, String currency, long platformFee,
			long settlementAmount, String settlementCurrency, BigDecimal exchangeRate, boolean livemode) {

		public PspMovement {
			Objects.requireNonNull(currency, "currency");
			Objects.requireNonNull(settlementCurrency, "settlementCurrency");
			if ((exchangeRate == null) != settlementCurrency.equals(currency)
					|| (exchangeRate == null && settlementAmount != amount)) {
				throw new IllegalArgumentException("a movement in " + currency + " settled as " + settlementAmount + " "
						+ settlementCurrency + " needs an exchange rate exactly when the currencies differ");
			}
		}

		/** A movement booked in the currency the acquirer moved it in. */
		public static PspMovement unconverted(String type, String reference, String psp, long amount, String currency,
				long platformFee, boolean livemode) {
			return new PspMovement(type, reference, psp, amount, currency, platformFee, amount, currency, null,
					livemode);
		}

	}

}
