package io.emberpay.ledger.payment;

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
		this.jdbc
			.sql("""
					insert into psp_movement (type, reference, psp, amount, currency, platform_fee, transaction_seq, livemode)
					values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (type, reference) do nothing""")
			.params(movement.type(), movement.reference(), movement.psp(), movement.amount(), movement.currency(),
					movement.platformFee(), transactionSeq, movement.livemode())
			.update();
	}

	public Optional<PspMovement> find(String type, String reference) {
		return this.jdbc.sql(
				"select type, reference, psp, amount, currency, platform_fee, livemode from psp_movement where type = ? and reference = ?")
			.params(type, reference)
			.query((rs, row) -> new PspMovement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getString(5), rs.getLong(6), rs.getBoolean(7)))
			.optional();
	}

	/**
	 * A capture, refund, return, payout or dispute ({@code type}), in the mode of the
	 * posting that learnt of it.
	 */
	public record PspMovement(String type, String reference, String psp, long amount, String currency, long platformFee,
			boolean livemode) {
	}

}
