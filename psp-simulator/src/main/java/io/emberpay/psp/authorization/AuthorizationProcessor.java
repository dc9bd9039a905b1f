package io.emberpay.psp.authorization;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.card.CardNumber;
import io.emberpay.psp.card.IssuerDecision;
import io.emberpay.psp.card.TestCardIssuer;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;
import io.emberpay.psp.idempotency.IdempotencyRegistry;
import io.emberpay.psp.idempotency.KeyedAnswer;
import io.emberpay.psp.idempotency.Outcome;
import io.emberpay.psp.idempotency.RequestFingerprint;
import io.emberpay.psp.idempotency.StoredAnswer;
import io.emberpay.psp.settlement.SettlementBook;
import io.emberpay.psp.stats.AcquirerCounters;
import io.emberpay.psp.stats.ChargeStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * What an acquirer does with each call: asks the issuer, holds, takes or gives back
 * money, counts it in the stats ledger and writes it into the settlement report. Every
 * mutating call runs through the idempotency registry, so a retried call never charges
 * twice. Logs name the card by brand and last four digits only.
 */
@Service
public class AuthorizationProcessor {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationProcessor.class);

	private static final int OK = 200;

	private final TestCardIssuer issuer;

	private final AuthorizationBook book;

	private final IdempotencyRegistry idempotency;

	private final ChargeStats stats;

	private final SettlementBook settlement;

	private final Clock clock;

	public AuthorizationProcessor(TestCardIssuer issuer, AuthorizationBook book, IdempotencyRegistry idempotency,
			ChargeStats stats, SettlementBook settlement, Clock clock) {
		this.issuer = issuer;
		this.book = book;
		this.idempotency = idempotency;
		this.stats = stats;
		this.settlement = settlement;
		this.clock = clock;
	}

	public KeyedAnswer authorize(Acquirer acquirer, String key, AuthorizeRequest request) {
		CardNumber number = CardNumber.parse(request.card().number());
		RequestFingerprint fingerprint = RequestFingerprint.of("POST /authorizations", request);
		return this.idempotency.execute(acquirer, key, fingerprint, () -> {
			Authorization authorization = newAuthorization(acquirer, request, number);
			this.book.add(authorization);
			return new Outcome(new StoredAnswer(OK, authorization.view()), authorization.id());
		});
	}

	public KeyedAnswer capture(Acquirer acquirer, String key, String id, CaptureRequest request) {
		RequestFingerprint fingerprint = RequestFingerprint.of("POST /authorizations/" + id + "/capture", request);
		return this.idempotency.execute(acquirer, key, fingerprint, () -> {
			Authorization authorization = existing(acquirer, id);
			capture(authorization, request.amount(), now());
			return new Outcome(new StoredAnswer(OK, authorization.view()), id);
		});
	}

	public KeyedAnswer voidHold(Acquirer acquirer, String key, String id) {
		RequestFingerprint fingerprint = RequestFingerprint.of("POST /authorizations/" + id + "/void", null);
		return this.idempotency.execute(acquirer, key, fingerprint, () -> {
			Authorization authorization = existing(acquirer, id);
			authorization.voidHold(now());
			this.stats.of(acquirer).voided();
			log.info("Voided {} at {} ({})", id, acquirer, authorization.reference());
			return new Outcome(new StoredAnswer(OK, authorization.view()), id);
		});
	}

	public KeyedAnswer refund(Acquirer acquirer, String key, String id, RefundRequest request) {
		RequestFingerprint fingerprint = RequestFingerprint.of("POST /authorizations/" + id + "/refunds", request);
		return this.idempotency.execute(acquirer, key, fingerprint, () -> {
			Authorization authorization = existing(acquirer, id);
			Refund refund = authorization.refund(newId("rf"), request.amount(), request.reference(), now());
			this.stats.of(acquirer).refunded(refund.currency(), refund.amount());
			this.settlement.recordRefund(acquirer, refund.id(), refund.reference(), refund.amount(), refund.currency(),
					refund.createdAt());
			log.info("Refunded {} {} of {} at {} ({})", refund.amount(), refund.currency(), id, acquirer,
					refund.reference());
			return new Outcome(new StoredAnswer(OK, RefundView.of(refund)), id);
		});
	}

	/**
	 * The authorization a keyed call created or changed: how a caller settles a lost
	 * answer.
	 */
	public AuthorizationView findByIdempotencyKey(Acquirer acquirer, String key) {
		return this.idempotency.authorizationFor(acquirer, key)
			.flatMap((id) -> this.book.find(acquirer, id))
			.map(Authorization::view)
			.orElseThrow(() -> new PspException(PspError.AUTHORIZATION_NOT_FOUND,
					"no authorization was made or changed with this Idempotency-Key"));
	}

	public AuthorizationView findById(Acquirer acquirer, String id) {
		return existing(acquirer, id).view();
	}

	private Authorization newAuthorization(Acquirer acquirer, AuthorizeRequest request, CardNumber number) {
		CardDetails card = request.card();
		CardSummary summary = new CardSummary(number.brand(), number.last4(), card.expMonth(), card.expYear());
		IssuerDecision decision = this.issuer.decide(number, card.expMonth(), card.expYear());
		Instant now = now();
		AcquirerCounters counters = this.stats.of(acquirer);
		if (!decision.approved()) {
			Authorization declined = Authorization.declined(newId("auth"), acquirer, request.reference(),
					request.amount(), request.currency(), summary, decision.declineCode(), now);
			counters.declined();
			log.info("Declined {} at {} ({}): {} {} on {} ****{}: {}", declined.id(), acquirer, request.reference(),
					request.amount(), request.currency(), summary.brand(), summary.last4(), decision.declineCode());
			return declined;
		}
		Authorization authorization = Authorization.approved(newId("auth"), acquirer, request.reference(),
				request.amount(), request.currency(), summary, now);
		counters.authorized(request.currency(), request.amount());
		log.info("Authorized {} at {} ({}): {} {} on {} ****{}", authorization.id(), acquirer, request.reference(),
				request.amount(), request.currency(), summary.brand(), summary.last4());
		if (request.captureNow()) {
			capture(authorization, request.amount(), now);
		}
		return authorization;
	}

	private void capture(Authorization authorization, Long requestedMinor, Instant now) {
		long amountMinor = authorization.capture(requestedMinor, now);
		Acquirer acquirer = authorization.acquirer();
		this.stats.of(acquirer).captured(authorization.currency(), amountMinor);
		this.settlement.recordCapture(acquirer, authorization.id(), authorization.reference(), amountMinor,
				authorization.currency(), now);
		log.info("Captured {} {} of {} at {} ({})", amountMinor, authorization.currency(), authorization.id(), acquirer,
				authorization.reference());
	}

	private Authorization existing(Acquirer acquirer, String id) {
		return this.book.find(acquirer, id)
			.orElseThrow(() -> new PspException(PspError.AUTHORIZATION_NOT_FOUND, "no such authorization"));
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static String newId(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
	}

}
