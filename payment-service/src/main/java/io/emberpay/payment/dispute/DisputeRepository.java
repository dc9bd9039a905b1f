package io.emberpay.payment.dispute;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.Topics;
import io.emberpay.events.dispute.DisputeEvent;
import io.emberpay.events.dispute.DisputeSnapshot;
import io.emberpay.starter.outbox.OutboxWriter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Loads and stores disputes; every save writes the aggregate's new events to the outbox
 * in the same database transaction. A dispute is unique per acquirer and acquirer id, so
 * a redelivered "dispute opened" opens nothing twice.
 */
@Repository
class DisputeRepository {

	private final JdbcClient jdbc;

	private final OutboxWriter outbox;

	DisputeRepository(JdbcClient jdbc, OutboxWriter outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	/** Inserts the dispute; false when the acquirer's dispute is known already. */
	boolean insert(Dispute dispute) {
		DisputeSnapshot d = dispute.snapshot();
		int inserted = this.jdbc.sql("""
				insert into dispute (id, payment_id, merchant_id, amount, fee, currency, reason, status, psp,
				    psp_reference, evidence_due_by, created_at, updated_at, livemode)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?) on conflict (psp, psp_reference) do nothing""")
			.params(d.id(), d.payment(), d.merchant(), d.amount(), d.fee(), d.currency(), d.reason(), d.status(),
					d.psp(), d.pspReference(), Timestamp.from(d.evidenceDueBy()), Timestamp.from(d.created()),
					d.livemode())
			.update();
		if (inserted == 1) {
			publish(dispute);
		}
		return inserted == 1;
	}

	void update(Dispute dispute) {
		int updated = this.jdbc.sql("update dispute set status = ?, updated_at = now() where id = ?")
			.params(dispute.status().apiName(), dispute.id())
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Dispute " + dispute.id() + " vanished while being updated");
		}
		publish(dispute);
	}

	private void publish(Dispute dispute) {
		for (DisputeEvent event : dispute.drainEvents()) {
			this.outbox.append(Topics.PAYMENTS, event);
		}
	}

	/** The merchant's dispute in this mode only: the other mode's is not found. */
	Optional<Dispute> find(String merchantId, boolean livemode, String id) {
		return this.jdbc.sql("select * from dispute where id = ? and merchant_id = ? and livemode = ?")
			.params(id, merchantId, livemode)
			.query(DisputeRepository::dispute)
			.optional();
	}

	/** The merchant's dispute under its row lock, until the transaction ends. */
	Optional<Dispute> lock(String merchantId, boolean livemode, String id) {
		return this.jdbc.sql("select * from dispute where id = ? and merchant_id = ? and livemode = ? for update")
			.params(id, merchantId, livemode)
			.query(DisputeRepository::dispute)
			.optional();
	}

	Optional<Dispute> lockByAcquirer(String psp, String pspReference) {
		return this.jdbc.sql("select * from dispute where psp = ? and psp_reference = ? for update")
			.params(psp, pspReference)
			.query(DisputeRepository::dispute)
			.optional();
	}

	List<Dispute> listForMerchant(String merchantId, boolean livemode, String startingAfter, int limitPlusOne) {
		return this.jdbc.sql("""
				select * from dispute where merchant_id = ? and livemode = ? and (cast(? as varchar) is null or id < ?)
				order by id desc limit ?""")
			.params(merchantId, livemode, startingAfter, startingAfter, limitPlusOne)
			.query(DisputeRepository::dispute)
			.list();
	}

	void storeEvidence(String disputeId, int bytes, byte[] ciphertext, byte[] wrappedDataKey, int kekVersion) {
		this.jdbc.sql("""
				insert into dispute_evidence (dispute_id, bytes, ciphertext, wrapped_data_key, kek_version)
				values (?, ?, ?, ?, ?)""").params(disputeId, bytes, ciphertext, wrappedDataKey, kekVersion).update();
	}

	private static Dispute dispute(ResultSet rs, int row) throws SQLException {
		return new Dispute(rs.getString("id"), rs.getString("payment_id"), rs.getString("merchant_id"),
				rs.getLong("amount"), rs.getLong("fee"), rs.getString("currency"), rs.getString("reason"),
				rs.getString("psp"), rs.getString("psp_reference"), rs.getTimestamp("evidence_due_by").toInstant(),
				rs.getTimestamp("created_at").toInstant(), DisputeStatus.ofApiName(rs.getString("status")),
				rs.getBoolean("livemode"));
	}

}
