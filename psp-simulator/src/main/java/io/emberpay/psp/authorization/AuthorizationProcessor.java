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

import org.springframework.context.ApplicationEventPublisher;
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

	private final AuthorizationWebhooks webhooks;

	private final ApplicationEventPublisher events;

	public AuthorizationProcessor(TestCardIssuer issuer, AuthorizationBook book, IdempotencyRegistry idempotency,
			ChargeStats stats, SettlementBook settlement, Clock clock, AuthorizationWebhooks webhooks,
			ApplicationEventPublisher events) {
		this.webhooks = webhooks;
		this.events = events;
		this.issuer = issuer;
		this.book = book;
		this.idempotency = idempotency;
		this.stats = stats;
		this.settlement = settlement;
		this.clock = clock;
	}

	public KeyedAnswer authorize(Acquirer acquirer, String key, AuthorizeRequest request) {
		int methods = ((request.card() != null) ? 1 : 0) + ((request.wallet() != null) ? 1 : 0)
				+ ((request.bankAccount() != null) ? 1 : 0);
		if (methods != 1) {
			throw new PspException(PspError.INVALID_REQUEST, "exactly one of card, wallet or bank_account is required");
		}
		CardNumber number = (request.card() != null) ? CardNumber.parse(request.card().number()) : null;
		CardSummary wallet = (request.wallet() != null) ? WalletTokens.card(request.wallet()) : null;
		if (request.bankAccount() != null) {
			checkBankAccount(request.bankAccount());
		}
		RequestFingerprint fingerprint = RequestFingerprint.of("POST /authorizations", request);
		return this.idempotency.execute(acquirer, key, fingerprint, () -> {
			Authorization authorization = (number != null) ? newAuthorization(acquirer, request, number)
					: (wallet != null) ? newWalletAuthorization(acquirer, request, wallet)
							: newDebit(acquirer, request);
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

	/**
	 * Completes a 3-D Secure challenge as the cardholder's browser does: the outcome is
	 * told to the platform by webhook. Answers the authorization.
	 */
	public Authorization completeChallenge(Acquirer acquirer, String id, boolean passed) {
		Authorization authorization = existing(acquirer, id);
		boolean approved = authorization.completeChallenge(passed);
		AcquirerCounters counters = this.stats.of(acquirer);
		if (approved) {
			counters.authorized(authorization.currency(), authorization.amount());
			if (authorization.captureAfterChallenge()) {
				capture(authorization, null, now());
			}
			log.info("3-D Secure passed for {} at {} ({})", id, acquirer, authorization.reference());
		}
		else {
			counters.declined();
			log.info("3-D Secure failed for {} at {} ({})", id, acquirer, authorization.reference());
		}
		AuthorizationView view = authorization.view();
		this.webhooks.send(acquirer, approved ? "authorization.succeeded" : "authorization.failed", view);
		return authorization;
	}

	/** The bank collected a debit: settled, and the platform is told. */
	public AuthorizationView settleDebit(Acquirer acquirer, String id) {
		Authorization authorization = debitOf(acquirer, id);
		Instant now = now();
		authorization.settleDebit(now);
		this.stats.of(acquirer).captured(authorization.currency(), authorization.amount());
		this.settlement.recordCapture(acquirer, authorization.id(), authorization.reference(), authorization.amount(),
				authorization.currency(), now);
		log.info("Debit {} settled at {} ({})", id, acquirer, authorization.reference());
		AuthorizationView view = authorization.view();
		this.webhooks.send(acquirer, "debit.succeeded", view);
		return view;
	}

	/**
	 * The bank returned a debit with a reason code (ACH {@code R01}..., SEPA
	 * {@code AC04}, {@code AM04}, {@code MD01}...): failed if not settled yet, taken back
	 * if settled.
	 */
	public AuthorizationView returnDebit(Acquirer acquirer, String id, String code) {
		if (code == null || !code.matches("R[0-9]{2}|[A-Z]{2}[0-9]{2}")) {
			throw new PspException(PspError.INVALID_REQUEST, "code must be an ACH R-code or a SEPA reason code");
		}
		Authorization authorization = debitOf(acquirer, id);
		authorization.returnDebit(code);
		log.info("Debit {} returned at {} ({}): {}", id, acquirer, authorization.reference(), code);
		AuthorizationView view = authorization.view();
		if ("returned".equals(view.status())) {
			// the money the capture line settled goes back: its own line, so
			// reconciliation
			// matches the ledger's reversal
			this.settlement.recordReturn(acquirer, view.id(), view.reference(), view.amountCaptured(), view.currency(),
					this.clock.instant());
		}
		this.webhooks.send(acquirer, "returned".equals(view.status()) ? "debit.returned" : "debit.failed", view);
		return view;
	}

	private Authorization debitOf(Acquirer acquirer, String id) {
		Authorization authorization = existing(acquirer, id);
		if (!authorization.isBankDebit()) {
			throw new PspException(PspError.INVALID_STATE, "the authorization is not a bank debit");
		}
		return authorization;
	}

	private Authorization newWalletAuthorization(Acquirer acquirer, AuthorizeRequest request, CardSummary card) {
		Authorization authorization = Authorization.approvedWallet(newId("auth"), acquirer, request.reference(),
				request.amount(), request.currency(), card, request.wallet().type(), now());
		this.stats.of(acquirer).authorized(request.currency(), request.amount());
		log.info("Authorized {} at {} ({}): {} {} on {} {} ****{}", authorization.id(), acquirer, request.reference(),
				request.amount(), request.currency(), request.wallet().type(), card.brand(), card.last4());
		if (request.captureNow()) {
			capture(authorization, request.amount(), now());
		}
		return authorization;
	}

	private Authorization newDebit(Acquirer acquirer, AuthorizeRequest request) {
		BankAccountDetails account = request.bankAccount();
		Authorization authorization = Authorization.debit(newId("auth"), acquirer, request.reference(),
				request.amount(), request.currency(), new CardSummary(account.type(), account.last4(), 0, 0),
				account.type(), now());
		log.info("Debit {} submitted at {} ({}): {} {} from {} ****{}", authorization.id(), acquirer,
				request.reference(), request.amount(), request.currency(), account.type(), account.last4());
		return authorization;
	}

	private static void checkBankAccount(BankAccountDetails account) {
		boolean sepa = account.type().equals("sepa_debit");
		if (sepa && (account.iban() == null || account.accountHolderName() == null)) {
			throw new PspException(PspError.INVALID_REQUEST, "a sepa_debit needs iban and account_holder_name");
		}
		if (!sepa && (account.routingNumber() == null || account.accountNumber() == null)) {
			throw new PspException(PspError.INVALID_REQUEST,
					"a us_bank_account needs routing_number and account_number");
		}
	}

	private Authorization newAuthorization(Acquirer acquirer, AuthorizeRequest request, CardNumber number) {
		CardDetails card = request.card();
		CardSummary summary = new CardSummary(number.brand(), number.last4(), card.expMonth(), card.expYear());
		java.util.Optional<Boolean> challenge = this.issuer.challenge(number);
		if (challenge.isPresent()) {
			String id = newId("auth");
			Authorization challenged = Authorization.challenged(id, acquirer, request.reference(), request.amount(),
					request.currency(), summary,
					!challenge.get() ? Authorization.Challenge.ALWAYS_FAILS
							: request.captureNow() ? Authorization.Challenge.PASS_THEN_CAPTURE
									: Authorization.Challenge.PASS,
					this.webhooks.challengeUrl(acquirer, id), request.returnUrl(), now());
			log.info("3-D Secure required for {} at {} ({}) on {} ****{}", id, acquirer, request.reference(),
					summary.brand(), summary.last4());
			return challenged;
		}
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
		if (this.issuer.disputesEveryPayment(number)) {
			authorization.disputeOnCapture();
		}
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
		if (authorization.disputedOnCapture()) {
			this.events.publishEvent(new DisputedCardCaptured(acquirer, authorization.id()));
		}
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
