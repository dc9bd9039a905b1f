package io.emberpay.payment.payment.refund;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefundRepository {

	private final JdbcClient jdbc;

	RefundRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Refund refund) {
		this.jdbc.sql("""
				insert into refund (id, payment_id, merchant_id, amount, currency, status, psp, psp_reference, reason,
				    request_id, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(refund.id(), refund.paymentId(), refund.merchantId(), refund.amount(), refund.currency(),
					refund.status(), refund.psp(), refund.pspReference(), refund.reason(), refund.requestId(),
					Timestamp.from(refund.created()))
			.update();
	}

	void updateStatus(Refund refund) {
		this.jdbc.sql("update refund set status = ?, psp_reference = ? where id = ?")
			.params(refund.status(), refund.pspReference(), refund.id())
			.update();
	}

	long pendingAmount(String paymentId) {
		return this.jdbc.sql("select coalesce(sum(amount), 0) from refund where payment_id = ? and status = 'pending'")
			.param(paymentId)
			.query(Long.class)
			.single();
	}

	Optional<Refund> find(String id) {
		return this.jdbc.sql("select * from refund where id = ?").param(id).query(RefundRepository::refund).optional();
	}

	Optional<Refund> lock(String id) {
		return this.jdbc.sql("select * from refund where id = ? for update")
			.param(id)
			.query(RefundRepository::refund)
			.optional();
	}

	/**
	 * Claims refunds pending for longer than {@code grace}; rows another replica holds
	 * are skipped.
	 */
	List<Refund> lockStalePending(Duration grace, int limit) {
		return this.jdbc.sql("""
				select * from refund where status = 'pending' and created_at < now() - cast(? as interval)
				order by created_at limit ? for update skip locked""")
			.params(grace.toMillis() + " milliseconds", limit)
			.query(RefundRepository::refund)
			.list();
	}

	private static Refund refund(ResultSet rs, int row) throws SQLException {
		return new Refund(rs.getString("id"), rs.getString("payment_id"), rs.getString("merchant_id"),
				rs.getLong("amount"), rs.getString("currency"), rs.getString("status"), rs.getString("psp"),
				rs.getString("psp_reference"), rs.getString("reason"), rs.getString("request_id"),
				rs.getTimestamp("created_at").toInstant());
	}

}
