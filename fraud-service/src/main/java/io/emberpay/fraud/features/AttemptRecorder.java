package io.emberpay.fraud.features;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.emberpay.fraud.geo.IpLocation;
import io.emberpay.fraud.risk.Decision;
import io.emberpay.fraud.risk.PaymentAttempt;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes attempts keyed by payment id. A scored attempt counts toward velocity at once,
 * so a burst is caught before any event arrives; the events of the same payment later
 * find the row and only settle its outcome, so nothing is counted twice.
 */
@Component
public class AttemptRecorder {

	private static final String INSERT = """
			insert into payment_attempt (payment_id, user_id, merchant_id, amount, currency, card_fingerprint, card_bin,
			    card_country, device_id, ip, ip_country, latitude, longitude, occurred_at, source)
			values (:payment, :user, :merchant, :amount, :currency, :card, :bin, :cardCountry, :device, :ip, :ipCountry,
			    :latitude, :longitude, :at, :source)
			on conflict (payment_id) do nothing""";

	private final JdbcClient jdbc;

	AttemptRecorder(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records an attempt being scored, before its features are read (see
	 * {@code ScoringService}); false when this payment was already recorded.
	 */
	public boolean recordScored(PaymentAttempt attempt, IpLocation location) {
		return insert(attempt, location, "score") == 1;
	}

	/** Keeps why the attempt got its decision, for an operator asked about it later. */
	public void explain(String payment, int score, Decision decision, List<String> reasons) {
		this.jdbc.sql("update payment_attempt set score = ?, decision = ?, reasons = ? where payment_id = ?")
			.params(score, decision.wire(), String.join("\n", reasons), payment)
			.update();
	}

	/** How a payment was scored, if this service scored it. */
	public Optional<ScoredAttempt> find(String payment) {
		return this.jdbc.sql("""
				select payment_id, merchant_id, amount, currency, score, decision, reasons, outcome, occurred_at
				from payment_attempt where payment_id = ?""")
			.param(payment)
			.query((rs, row) -> new ScoredAttempt(rs.getString("payment_id"), rs.getString("merchant_id"),
					rs.getLong("amount"), rs.getString("currency"), (Integer) rs.getObject("score"),
					rs.getString("decision"),
					(rs.getString("reasons") == null || rs.getString("reasons").isEmpty()) ? List.of()
							: List.of(rs.getString("reasons").split("\n")),
					rs.getString("outcome"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** Records an attempt first seen in a payment event, unless it is already known. */
	void recordObserved(PaymentAttempt attempt, IpLocation location) {
		insert(attempt, location, "event");
	}

	/**
	 * Moves a pending attempt to its outcome. Answers the attempt when this call made the
	 * transition, empty when the outcome was already settled (a later event of the same
	 * payment), so each outcome takes effect once.
	 */
	Optional<SettledAttempt> settle(String payment, String outcome) {
		return this.jdbc.sql("""
				update payment_attempt set outcome = :outcome where payment_id = :payment and outcome = 'pending'
				returning user_id, merchant_id, amount, currency, card_fingerprint, device_id, occurred_at""")
			.param("outcome", outcome)
			.param("payment", payment)
			.query((rs, row) -> new SettledAttempt(rs.getString("user_id"), rs.getString("merchant_id"),
					rs.getLong("amount"), rs.getString("currency"), rs.getString("card_fingerprint"),
					rs.getString("device_id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	private int insert(PaymentAttempt attempt, IpLocation location, String source) {
		return this.jdbc.sql(INSERT)
			.param("payment", attempt.payment())
			.param("user", SqlValues.text(attempt.user()))
			.param("merchant", attempt.merchant())
			.param("amount", attempt.amount())
			.param("currency", attempt.currency())
			.param("card", SqlValues.text(attempt.cardFingerprint()))
			.param("bin", SqlValues.text(attempt.cardBin()))
			.param("cardCountry", SqlValues.text(attempt.cardCountry()))
			.param("device", SqlValues.text(attempt.deviceId()))
			.param("ip", SqlValues.text(attempt.ip()))
			.param("ipCountry", SqlValues.text((location == null) ? null : location.country()))
			.param("latitude", (location == null) ? null : location.latitude(), Types.DOUBLE)
			.param("longitude", (location == null) ? null : location.longitude(), Types.DOUBLE)
			.param("at", SqlValues.time(attempt.occurredAt()))
			.param("source", source)
			.update();
	}

	/**
	 * A recorded attempt and, when it was scored here, its score, decision and reasons.
	 */
	public record ScoredAttempt(String payment, String merchant, long amount, String currency, Integer score,
			String decision, List<String> reasons, String outcome, Instant occurredAt) {
	}

	/** The attempt whose outcome was just settled. */
	record SettledAttempt(String user, String merchant, long amount, String currency, String cardFingerprint,
			String deviceId, Instant occurredAt) {
	}

}
