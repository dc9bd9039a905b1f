package io.emberpay.payment.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.payment.fraud.FraudVerdict;
import io.emberpay.payment.vault.VaultedCard;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.outbox.OutboxWriter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Loads and stores payments; every save writes the aggregate's new events to the outbox
 * in the caller's transaction, so a state change and its events commit together or not at
 * all.
 */
@Repository
public class PaymentRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final OutboxWriter outbox;

	private final PaymentMetrics metrics;

	PaymentRepository(JdbcClient jdbc, OutboxWriter outbox, PaymentMetrics metrics) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.metrics = metrics;
	}

	public void insert(Payment payment) {
		requireTransaction();
		Payment.PaymentFacts f = payment.facts();
		VaultedCard card = f.card();
		this.jdbc
			.sql("""
					insert into payment (id, user_id, merchant_id, payment_method_id, amount, currency, status,
					    capture_method, amount_capturable, amount_received, amount_refunded, card_brand, card_last4,
					    card_bin, card_fingerprint, card_exp_month, card_exp_year, psp, psp_reference, failure_code,
					    description, metadata, fraud_score, fraud_decision, fraud_reasons, review_flagged, device_id, ip,
					    livemode, request_id, created_at, updated_at, payment_method_type, return_url, next_action_url,
					    acquirer, routing_reason)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(),
					    ?, ?, ?, ?, ?)""")
			.params(f.id(), f.userId(), f.merchantId(), card.id(), f.amount().amountMinor(), f.amount().currencyCode(),
					payment.status().apiName(), f.captureMethod().apiName(), payment.amountCapturable(),
					payment.amountReceived(), payment.amountRefunded(), card.brand(), card.last4(), card.bin(),
					card.fingerprint(), (card.expMonth() == 0) ? null : card.expMonth(),
					(card.expYear() == 0) ? null : card.expYear(), payment.psp(), payment.pspReference(),
					payment.failureCode(), f.description(), JSON.writeValueAsString(f.metadata()), f.fraud().score(),
					f.fraud().decision().apiName(), JSON.writeValueAsString(f.fraud().reasons()),
					f.fraud().flaggedForReview(), f.deviceId(), f.ip(), f.livemode(), f.requestId(),
					Timestamp.from(f.created()), card.type(), f.returnUrl(), payment.nextActionUrl(),
					(payment.psp() == null) ? payment.acquirer() : null, payment.routingReason())
			.update();
		publish(payment);
	}

	public void update(Payment payment) {
		requireTransaction();
		int updated = this.jdbc.sql("""
				update payment set status = ?, amount_capturable = ?, amount_received = ?, amount_refunded = ?,
				    psp = ?, psp_reference = ?, failure_code = ?, next_action_url = ?, updated_at = now()
				where id = ?""")
			.params(payment.status().apiName(), payment.amountCapturable(), payment.amountReceived(),
					payment.amountRefunded(), payment.psp(), payment.pspReference(), payment.failureCode(),
					payment.nextActionUrl(), payment.id())
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Payment " + payment.id() + " vanished while being updated");
		}
		publish(payment);
	}

	private void publish(Payment payment) {
		this.metrics.countAfterCommit(payment.drainReachedStatuses(), payment.psp());
		for (PaymentEvent event : payment.drainEvents()) {
			this.outbox.append(Topics.PAYMENTS, event);
		}
	}

	public Optional<Payment> find(String id) {
		return this.jdbc.sql("select * from payment where id = ?")
			.param(id)
			.query(PaymentRepository::payment)
			.optional();
	}

	/**
	 * Records where routing sends a processing payment and why, before the call, so the
	 * payment shows it even while the answer is unknown.
	 */
	public void recordRouting(String paymentId, String acquirer, String reason) {
		requireTransaction();
		this.jdbc.sql("""
				update payment set acquirer = ?, routing_reason = ?, updated_at = now()
				where id = ? and status = 'processing'""").params(acquirer, reason, paymentId).update();
	}

	/** The payment an acquirer knows by {@code pspReference} (its authorization id). */
	public Optional<Payment> findByAcquirer(String psp, String pspReference) {
		return this.jdbc.sql("select * from payment where psp = ? and psp_reference = ?")
			.params(psp, pspReference)
			.query(PaymentRepository::payment)
			.optional();
	}

	/** Loads the payment and holds its row lock until the transaction ends. */
	public Optional<Payment> lock(String id) {
		requireTransaction();
		return this.jdbc.sql("select * from payment where id = ? for update")
			.param(id)
			.query(PaymentRepository::payment)
			.optional();
	}

	public List<Payment> listForUser(String userId, String startingAfter, int limitPlusOne) {
		return list("user_id", userId, startingAfter, limitPlusOne);
	}

	/** The merchant's payments in one mode: a test key lists no live payment. */
	public List<Payment> listForMerchant(String merchantId, boolean livemode, String startingAfter, int limitPlusOne) {
		return this.jdbc.sql("""
				select * from payment where merchant_id = ? and livemode = ?
				   and (cast(? as varchar) is null or id < ?) order by id desc limit ?""")
			.params(merchantId, livemode, startingAfter, startingAfter, limitPlusOne)
			.query(PaymentRepository::payment)
			.list();
	}

	private List<Payment> list(String ownerColumn, String owner, String startingAfter, int limitPlusOne) {
		return this.jdbc
			.sql("select * from payment where " + ownerColumn
					+ " = ? and (cast(? as varchar) is null or id < ?) order by id desc limit ?")
			.params(owner, startingAfter, startingAfter, limitPlusOne)
			.query(PaymentRepository::payment)
			.list();
	}

	/**
	 * Claims payments whose acquirer outcome has been unknown for longer than
	 * {@code grace}; rows another replica's janitor holds are skipped, not waited for.
	 */
	public List<Payment> lockStaleProcessing(Duration grace, int limit) {
		requireTransaction();
		return this.jdbc.sql("""
				select * from payment where status = 'processing' and updated_at < now() - cast(? as interval)
				   -- a bank debit the acquirer took (it has the acquirer's id) settles by webhook, days later
				   and psp_reference is null
				order by updated_at limit ? for update skip locked""")
			.params(grace.toMillis() + " milliseconds", limit)
			.query(PaymentRepository::payment)
			.list();
	}

	/**
	 * Payments waiting ({@code requires_action}) longer than they may, longest first: on
	 * their customer (3-D Secure) longer than {@code ttl}, in review (the customer's
	 * step-up or an operator's verdict) longer than {@code reviewTtl}.
	 */
	public List<Payment> waitingLongerThan(Duration ttl, Duration reviewTtl, int limit) {
		// the first bound lets the partial index narrow the scan; the second picks each
		// payment's own
		return this.jdbc
			.sql("""
					select * from payment where status = 'requires_action' and updated_at < now() - cast(:shorter as interval)
					    and (case when next_action_url is null and fraud_decision = 'review'
					        then updated_at < now() - cast(:review as interval)
					        else updated_at < now() - cast(:ttl as interval) end)
					order by updated_at limit :limit""")
			.param("shorter", Math.min(ttl.toMillis(), reviewTtl.toMillis()) + " milliseconds")
			.param("review", reviewTtl.toMillis() + " milliseconds")
			.param("ttl", ttl.toMillis() + " milliseconds")
			.param("limit", limit)
			.query(PaymentRepository::payment)
			.list();
	}

	/** Puts a payment the janitor could not settle yet at the back of its queue. */
	public void deferSettlement(String id) {
		this.jdbc.sql("update payment set settle_attempts = settle_attempts + 1, updated_at = now() where id = ?")
			.param(id)
			.update();
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Payments change only inside a transaction");
		}
	}

	private static Payment payment(ResultSet rs, int row) throws SQLException {
		VaultedCard card = new VaultedCard(rs.getString("payment_method_id"), rs.getString("user_id"),
				rs.getString("card_brand"), rs.getString("card_last4"), rs.getString("card_bin"),
				rs.getInt("card_exp_month"), rs.getInt("card_exp_year"), rs.getString("card_fingerprint"), null,
				rs.getString("payment_method_type"), null, null, null);
		String decision = rs.getString("fraud_decision");
		FraudVerdict fraud = new FraudVerdict(rs.getInt("fraud_score"),
				FraudVerdict.Decision.valueOf(decision.toUpperCase(java.util.Locale.ROOT)),
				JSON.readValue(rs.getString("fraud_reasons"), STRING_LIST), false, rs.getBoolean("review_flagged"));
		Payment.PaymentFacts facts = new Payment.PaymentFacts(rs.getString("id"), rs.getString("user_id"),
				rs.getString("merchant_id"), Money.of(rs.getLong("amount"), rs.getString("currency")),
				CaptureMethod.valueOf(rs.getString("capture_method").toUpperCase(java.util.Locale.ROOT)), card,
				rs.getString("description"), JSON.readValue(rs.getString("metadata"), STRING_MAP), fraud,
				rs.getString("device_id"), rs.getString("ip"), rs.getBoolean("livemode"), rs.getString("request_id"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("return_url"));
		Payment payment = new Payment(facts, PaymentStatus.fromApiName(rs.getString("status")),
				rs.getLong("amount_capturable"), rs.getLong("amount_received"), rs.getLong("amount_refunded"),
				rs.getString("psp"), rs.getString("psp_reference"), rs.getString("failure_code"))
			.withNextActionUrl(rs.getString("next_action_url"));
		payment.routed(rs.getString("acquirer"), rs.getString("routing_reason"));
		return payment;
	}

}
