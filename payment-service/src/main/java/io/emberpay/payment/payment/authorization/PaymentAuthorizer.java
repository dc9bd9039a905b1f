package io.emberpay.payment.payment.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Consumer;

import io.emberpay.events.ResourceIds;
import io.emberpay.payment.PaymentError;
import io.emberpay.payment.auth.MerchantDirectory;
import io.emberpay.payment.auth.StepUpChallenges;
import io.emberpay.payment.fraud.FraudScreen;
import io.emberpay.payment.fraud.FraudVerdict;
import io.emberpay.starter.idempotency.IdempotencyScope;
import io.emberpay.starter.idempotency.IdempotencyStore;
import io.emberpay.payment.payment.CaptureMethod;
import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentOwnership;
import io.emberpay.payment.payment.PaymentProperties;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.payment.PaymentStatus;
import io.emberpay.payment.psp.AuthorizationOutcome;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.PspConnector;
import io.emberpay.payment.psp.PspRouter;
import io.emberpay.payment.vault.CardSecret;
import io.emberpay.payment.vault.CardVault;
import io.emberpay.payment.vault.VaultedCard;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.request.RequestId;
import io.emberpay.starter.security.Caller;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates payments and takes them through fraud screening, step-up and the acquirer.
 * Remote checks (merchant, fraud, step-up challenge) run before anything is written, so a
 * dependency being down leaves no trace; the acquirer is called only after the payment
 * row exists, so its outcome always has a payment to land on.
 */
@Service
public class PaymentAuthorizer {

	private static final int MAX_METADATA_KEY = 40;

	private static final int MAX_METADATA_VALUE = 500;

	private final PaymentRepository payments;

	private final CardVault vault;

	private final MerchantDirectory merchants;

	private final FraudScreen fraud;

	private final StepUpChallenges stepUp;

	private final PspRouter router;

	private final IdempotencyStore idempotency;

	private final PaymentProperties properties;

	private final TransactionTemplate transactions;

	private final OffSessionConsent consents;

	private final Clock clock;

	PaymentAuthorizer(PaymentRepository payments, CardVault vault, MerchantDirectory merchants, FraudScreen fraud,
			StepUpChallenges stepUp, PspRouter router, IdempotencyStore idempotency, PaymentProperties properties,
			TransactionTemplate transactions, OffSessionConsent consents, Clock clock) {
		this.payments = payments;
		this.vault = vault;
		this.merchants = merchants;
		this.fraud = fraud;
		this.stepUp = stepUp;
		this.router = router;
		this.idempotency = idempotency;
		this.properties = properties;
		this.transactions = transactions;
		this.consents = consents;
		this.clock = clock;
	}

	Attempt create(Caller caller, CreatePaymentRequest request, String clientIp) {
		if (caller.isMerchant() && Boolean.TRUE.equals(request.offSession())) {
			return createForMerchant(caller, request);
		}
		if (!caller.isUser()) {
			throw new ApiException(CommonError.FORBIDDEN,
					"Payments are created by users, or by merchants off-session under the user's consent");
		}
		if (request.merchant() == null) {
			throw ApiException.invalid("merchant", "merchant must not be null");
		}
		if (Boolean.TRUE.equals(request.offSession()) || request.customer() != null) {
			throw ApiException.invalid("off_session", "A user is present when paying: off_session and customer "
					+ "are for merchants charging a saved method under the user's consent");
		}
		IdempotencyScope scope = IdempotencyScope.current().orElse(null);
		if (scope != null && scope.recoveredResource() != null) {
			return resume(caller, scope.recoveredResource());
		}
		Money amount = checkAmount(request.amount(), request.currency(), request.merchant());
		CaptureMethod captureMethod = CaptureMethod.parse(request.captureMethod());
		Map<String, String> metadata = checkMetadata(request.metadata());
		VaultedCard card = findCard(caller.id(), request.paymentMethod());
		String returnUrl = checkReturnUrl(request.returnUrl());
		// The merchant's mode decides the payment's: live only for a merchant an operator
		// approved for live, and then with its live acquirer credentials.
		boolean livemode = this.merchants.requireActive(request.merchant(), caller.livemode()).liveEnabled();
		if (!this.router.anyAvailable(request.merchant())) {
			throw new ApiException(PaymentError.PSP_UNAVAILABLE,
					"No payment processor can take payments right now; nothing was charged", null,
					this.router.retryAfter());
		}
		String id = ResourceIds.next("pay");
		FraudVerdict verdict = this.fraud.screen(new FraudScreen.ScoreRequest(id, caller.id(), request.merchant(),
				amount.amountMinor(), amount.currencyCode(), card.fingerprint(), card.bin(), request.deviceId(),
				clientIp, this.clock.instant(), false, livemode));
		boolean stepUpOpened = verdict.decision() == FraudVerdict.Decision.REVIEW && this.stepUp.open(caller.id(), id);
		Payment payment = Payment.open(
				new Payment.PaymentFacts(id, caller.id(), request.merchant(), amount, captureMethod, card,
						request.description(), metadata, verdict, request.deviceId(), clientIp, livemode,
						RequestId.current(), this.clock.instant().truncatedTo(ChronoUnit.MICROS), returnUrl),
				stepUpOpened);
		routeFirst(payment);
		save(payment, scope, paymentId -> {
		});
		if (payment.status() != PaymentStatus.PROCESSING) {
			return new Attempt(payment, null);
		}
		return authorizeAtAcquirer(payment);
	}

	private Attempt createForMerchant(Caller caller, CreatePaymentRequest request) {
		if (request.merchant() != null && !request.merchant().equals(caller.id())) {
			throw ApiException.invalid("merchant", "A merchant charges for itself: merchant must be its own id");
		}
		IdempotencyScope scope = IdempotencyScope.current().orElse(null);
		if (scope != null && scope.recoveredResource() != null) {
			Payment payment = this.payments.find(scope.recoveredResource()).orElseThrow();
			return new Attempt(PaymentOwnership.ofMerchant(caller, payment), null);
		}
		return createOffSession(
				new OffSessionCharge(caller.id(), request.customer(), request.paymentMethod(), request.amount(),
						request.currency(), request.description(), request.metadata(), caller.livemode()),
				scope, id -> {
				});
	}

	/**
	 * Charges a user's saved method for a merchant with nobody present: only under the
	 * user's live consent (else 403), screened for fraud as an off-session payment (no
	 * device), and never with a step-up: a payment that would need the user fails with
	 * {@code authentication_required} so the merchant can ask the user back.
	 * {@code inSameTransaction} runs with the payment's insert, to tie a caller's key to
	 * it.
	 */
	public Attempt createOffSession(OffSessionCharge charge, IdempotencyScope scope,
			Consumer<String> inSameTransaction) {
		if (charge.customer() == null || !charge.customer().matches("usr_[0-9a-z_]{1,60}")) {
			throw ApiException.invalid("customer", "customer must be the usr_ id of the user who gave the consent");
		}
		if (charge.paymentMethod() == null) {
			throw ApiException.invalid("payment_method", "payment_method must not be null");
		}
		if (charge.amount() == null) {
			throw ApiException.invalid("amount", "amount must not be null");
		}
		Money amount = checkAmount(charge.amount(), charge.currency(), charge.merchant());
		Map<String, String> metadata = checkMetadata(charge.metadata());
		if (!this.consents.isLive(charge.customer(), charge.merchant(), charge.paymentMethod(), charge.livemode())) {
			throw new ApiException(PaymentError.OFF_SESSION_CONSENT_MISSING,
					"The user has not given this merchant a live off-session consent for this payment method",
					"payment_method");
		}
		VaultedCard card = findCard(charge.customer(), charge.paymentMethod());
		this.merchants.requireActive(charge.merchant(), charge.livemode());
		if (!this.router.anyAvailable(charge.merchant())) {
			throw new ApiException(PaymentError.PSP_UNAVAILABLE,
					"No payment processor can take payments right now; nothing was charged", null,
					this.router.retryAfter());
		}
		String id = ResourceIds.next("pay");
		FraudVerdict verdict = this.fraud.screen(new FraudScreen.ScoreRequest(id, charge.customer(), charge.merchant(),
				amount.amountMinor(), amount.currencyCode(), card.fingerprint(), card.bin(), null, null,
				this.clock.instant(), true, charge.livemode()));
		Payment payment = Payment.open(new Payment.PaymentFacts(id, charge.customer(), charge.merchant(), amount,
				CaptureMethod.AUTOMATIC, card, charge.description(), metadata, verdict, null, null, charge.livemode(),
				RequestId.current(), this.clock.instant().truncatedTo(ChronoUnit.MICROS)), false);
		routeFirst(payment);
		save(payment, scope, inSameTransaction);
		if (payment.status() != PaymentStatus.PROCESSING) {
			return new Attempt(payment, null);
		}
		Attempt attempt = authorizeAtAcquirer(payment);
		if (attempt.payment().awaitsAuthentication()) {
			// the issuer wants the cardholder, who is not there: the merchant asks the
			// user back
			Payment failed = this.transactions.execute(status -> {
				Payment locked = this.payments.lock(payment.id()).orElseThrow();
				if (locked.awaitsAuthentication()) {
					locked.fail("authentication_required");
					this.payments.update(locked);
				}
				return locked;
			});
			return new Attempt(failed, null);
		}
		return attempt;
	}

	private void save(Payment payment, IdempotencyScope scope, Consumer<String> inSameTransaction) {
		this.transactions.executeWithoutResult(status -> {
			this.payments.insert(payment);
			if (scope != null) {
				this.idempotency.recordResource(scope, payment.id());
			}
			inSameTransaction.accept(payment.id());
		});
	}

	/**
	 * A retry after a crash that had already created the payment: answer it as it stands.
	 * If its acquirer outcome is still unknown the janitor settles it; it is never sent
	 * again under a new key.
	 */
	private Attempt resume(Caller caller, String paymentId) {
		Payment payment = this.payments.find(paymentId).orElseThrow(() -> ApiException.notFound("payment", paymentId));
		return new Attempt(PaymentOwnership.ofUser(caller, payment), null);
	}

	Attempt confirm(Caller caller, String paymentId, ConfirmPaymentRequest request) {
		Payment payment = this.payments.find(paymentId).orElseThrow(() -> ApiException.notFound("payment", paymentId));
		PaymentOwnership.ofUser(caller, payment);
		if (payment.status() != PaymentStatus.REQUIRES_ACTION) {
			throw new ApiException(PaymentError.PAYMENT_STATE_CONFLICT,
					"Payment " + paymentId + " is " + payment.status().apiName() + "; it cannot be confirmed");
		}
		if (payment.awaitsAuthentication()) {
			return afterAuthentication(payment, request.redirectResult());
		}
		if (request.mfaCode() == null) {
			throw ApiException.invalid("mfa_code", "mfa_code must not be null");
		}
		if (!this.stepUp.verify(caller.id(), paymentId, request.mfaCode())) {
			throw new ApiException(PaymentError.MFA_CODE_INVALID, "The code is wrong or expired", "mfa_code");
		}
		Payment processing = this.transactions.execute(status -> {
			Payment locked = this.payments.lock(paymentId).orElseThrow();
			locked.stepUpPassed();
			this.payments.update(locked);
			return locked;
		});
		return authorizeAtAcquirer(processing);
	}

	/**
	 * Sends a payment an operator approved in review to the acquirer, as a confirmed
	 * step-up would: it is already {@code processing}.
	 */
	Attempt afterReviewApproval(Payment processing) {
		return authorizeAtAcquirer(processing);
	}

	/**
	 * The customer is back from 3-D Secure: the acquirer is asked what came of the
	 * challenge (its webhook may have told us already, or may come later; either lands
	 * once).
	 */
	private Attempt afterAuthentication(Payment payment, String redirectResult) {
		PspAuthorization found;
		try {
			found = this.router.channel(payment.psp())
				.call(c -> c.authenticationResult(payment.pspAccount(), payment.authorizationKey(), redirectResult))
				.orElse(null);
		}
		catch (RuntimeException ex) {
			// the acquirer's webhook still settles it; the customer sees it waiting
			return new Attempt(payment, null);
		}
		if (found == null) {
			return new Attempt(payment, null);
		}
		Payment settled = this.transactions.execute(status -> {
			AcquirerOutcomes.applyLater(this.payments, payment.id(), payment.psp(), found);
			return this.payments.find(payment.id()).orElseThrow();
		});
		return new Attempt(settled, null);
	}

	/**
	 * A new payment going to an acquirer is inserted naming the one routing would try
	 * first, which spares the common path a write of its own before the call.
	 */
	private void routeFirst(Payment payment) {
		if (payment.status() == PaymentStatus.PROCESSING) {
			Payment.PaymentFacts facts = payment.facts();
			this.router
				.firstChoice(facts.merchantId(), facts.amount().currencyCode(), facts.card().type(),
						facts.amount().amountMinor())
				.ifPresent(choice -> payment.routeFirstTo(choice.acquirer(), choice.reason()));
		}
	}

	private Attempt authorizeAtAcquirer(Payment payment) {
		VaultedCard method = payment.facts().card();
		long amount = payment.facts().amount().amountMinor();
		String currency = payment.facts().amount().currencyCode();
		boolean capture = payment.facts().captureMethod() == CaptureMethod.AUTOMATIC;
		PspConnector.Authorization request;
		if (method.isWallet()) {
			request = new PspConnector.Authorization(amount, currency, null, payment.id(), capture,
					this.vault.revealWallet(method), null, payment.facts().returnUrl());
		}
		else if (method.isBankDebit()) {
			// a debit is collected, never held: it is captured when it settles
			request = new PspConnector.Authorization(amount, currency, null, payment.id(), true, null,
					this.vault.revealDebit(method), null);
		}
		else {
			CardSecret secret = this.vault.reveal(method, true);
			request = new PspConnector.Authorization(amount, currency, secret, payment.id(), capture, null, null,
					payment.facts().returnUrl());
		}
		// routed by the method's type: card, a wallet or a bank debit
		AuthorizationOutcome outcome = this.router.authorize(payment.pspAccount(), request, payment.authorizationKey(),
				method.type(), (acquirer, reason) -> {
					// the row must name the acquirer before it is called; a new payment's
					// insert usually did
					if (!payment.routedTo(acquirer, reason)) {
						this.transactions.executeWithoutResult(
								status -> this.payments.recordRouting(payment.id(), acquirer, reason));
					}
				});
		Payment settled = this.transactions
			.execute(status -> AcquirerOutcomes.apply(this.payments, payment.id(), outcome));
		Duration retryAfter = (outcome instanceof AuthorizationOutcome.Unavailable unavailable)
				? unavailable.retryAfter() : null;
		return new Attempt(settled, retryAfter);
	}

	private VaultedCard findCard(String userId, String paymentMethodId) {
		try {
			return this.vault.find(userId, paymentMethodId);
		}
		catch (ApiException ex) {
			throw new ApiException(PaymentError.PAYMENT_METHOD_UNAVAILABLE,
					"No such payment method: '" + paymentMethodId + "'", "payment_method");
		}
	}

	/**
	 * Where 3-D Secure sends the customer back: an absolute URL (https, or the app's own
	 * scheme), never javascript or data.
	 */
	private static String checkReturnUrl(String returnUrl) {
		if (returnUrl == null) {
			return null;
		}
		try {
			java.net.URI uri = new java.net.URI(returnUrl);
			String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
			if (!uri.isAbsolute() || scheme.equals("javascript") || scheme.equals("data") || scheme.equals("file")) {
				throw ApiException.invalid("return_url", "return_url must be an absolute https or app URL");
			}
			return returnUrl;
		}
		catch (java.net.URISyntaxException ex) {
			throw ApiException.invalid("return_url", "return_url must be an absolute https or app URL");
		}
	}

	private Money checkAmount(long amountMinor, String currency, String merchant) {
		Money amount = Money.of(amountMinor, currency);
		PaymentProperties.AmountLimit limit = this.properties.limitFor(merchant, amount.currencyCode());
		if (amount.amountMinor() < limit.min() || amount.amountMinor() > limit.max()) {
			throw new ApiException(PaymentError.AMOUNT_OUT_OF_RANGE, "amount must be between " + limit.min() + " and "
					+ limit.max() + " " + amount.currencyCode() + " minor units", "amount");
		}
		return amount;
	}

	private static Map<String, String> checkMetadata(Map<String, String> metadata) {
		if (metadata == null) {
			return Map.of();
		}
		metadata.forEach((key, value) -> {
			if (key.isEmpty() || key.length() > MAX_METADATA_KEY || value == null
					|| value.length() > MAX_METADATA_VALUE) {
				throw ApiException.invalid("metadata", "metadata keys are 1 to " + MAX_METADATA_KEY
						+ " characters and values at most " + MAX_METADATA_VALUE);
			}
		});
		return metadata;
	}

	/**
	 * A payment after an attempt, and how long to wait when no acquirer was available.
	 */
	public record Attempt(Payment payment, Duration retryAfter) {
	}

}
