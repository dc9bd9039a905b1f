package io.emberpay.fraud.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.fraud.FraudEvent;
import io.emberpay.fraud.audit.OperatorAudit;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.outbox.OutboxWriter;
import io.emberpay.starter.security.Caller;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payments the engine sent to review, waiting for an operator's verdict. The audit
 * trail is where a verdict is kept: a payment leaves the queue once an
 * {@code review.approve} or {@code review.decline} entry names it. One verdict per
 * payment: the attempt's row is locked while the verdict is written, and with it
 * {@code fraud.review_decided} goes to the outbox for payment-service, which lets the
 * payment go on or fails it.
 */
@Component
class ReviewQueue {

	private static final String COLUMNS = """
			a.payment_id, a.merchant_id, a.amount, a.currency, a.score, a.reasons, a.outcome, a.occurred_at,
			v.action as verdict, v.actor, v.detail as note, v.occurred_at as decided_at""";

	// the verdict, if any: the newest review entry of the audit naming the payment
	private static final String FROM = """
			from payment_attempt a
			left join lateral (select o.action, o.actor, o.detail, o.occurred_at from operator_audit o
			    where o.target = a.payment_id and o.action in ('review.approve', 'review.decline')
			    order by o.id desc limit 1) v on true
			where a.decision = 'review'""";

	private final JdbcClient jdbc;

	private final OperatorAudit audit;

	private final OutboxWriter outbox;

	private final Clock clock;

	ReviewQueue(JdbcClient jdbc, OperatorAudit audit, OutboxWriter outbox, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Reviews waiting for a verdict, oldest first, {@code limit + 1} of them so the
	 * caller knows whether more exist.
	 */
	List<Review> waiting(String startingAfter, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " " + FROM + """
				 and v.action is null
				 and (cast(:after as varchar) is null or (a.occurred_at, a.payment_id) >
				     (select occurred_at, payment_id from payment_attempt where payment_id = :after))
				order by a.occurred_at, a.payment_id limit :limit""")
			.param("after", new SqlParameterValue(Types.VARCHAR, startingAfter))
			.param("limit", limit + 1)
			.query(ReviewQueue::review)
			.list();
	}

	Optional<Review> find(String payment) {
		return this.jdbc.sql("select " + COLUMNS + " " + FROM + " and a.payment_id = ?")
			.param(payment)
			.query(ReviewQueue::review)
			.optional();
	}

	@Transactional
	Review decide(Caller operator, String payment, Verdict verdict, String note) {
		boolean inReview = this.jdbc
			.sql("select payment_id from payment_attempt where payment_id = ? and decision = 'review' for update")
			.param(payment)
			.query(String.class)
			.optional()
			.isPresent();
		if (!inReview) {
			throw ApiException.notFound("review", payment);
		}
		Review review = find(payment).orElseThrow(() -> ApiException.notFound("review", payment));
		if (!review.status().equals("pending")) {
			throw new ApiException(CommonError.STATE_CONFLICT,
					"This payment was already " + review.status() + " by " + review.decidedBy());
		}
		this.audit.record(operator, "review." + verdict.code(), payment, note);
		this.outbox.append(Topics.FRAUD, new FraudEvent.ReviewDecided(ResourceIds.event(), this.clock.instant(),
				payment, review.merchant(), verdict.code(), operator.id()));
		return find(payment).orElseThrow();
	}

	private static Review review(ResultSet rs, int row) throws SQLException {
		String verdict = rs.getString("verdict");
		String reasons = rs.getString("reasons");
		OffsetDateTime decidedAt = rs.getObject("decided_at", OffsetDateTime.class);
		return new Review(rs.getString("payment_id"), rs.getString("merchant_id"), rs.getLong("amount"),
				rs.getString("currency"), (Integer) rs.getObject("score"),
				(reasons == null || reasons.isEmpty()) ? List.of() : List.of(reasons.split("\n")),
				rs.getString("outcome"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				(verdict == null) ? "pending" : Verdict.fromAction(verdict).status(), rs.getString("actor"),
				rs.getString("note"), (decidedAt == null) ? null : decidedAt.toInstant());
	}

}
