package io.emberpay.payment.payment.authorization;

import java.util.List;
import java.util.Optional;

import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.payment.PaymentStatus;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.PspRejectedException;
import io.emberpay.payment.psp.PspRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels payments their customer abandoned: still {@code requires_action} at 3-D Secure
 * after {@link ActionExpiryProperties#ttl()}, or in review (neither a step-up nor an
 * operator's verdict) after {@link ActionExpiryProperties#reviewTtl()}. A payment at the
 * acquirer's 3-D Secure is first asked about (the customer may have just passed, and the
 * webhook not come yet): a result lands as usual. Otherwise the acquirer's authorization
 * is voided with the cancel's own key, so it can no longer succeed, and the payment is
 * canceled. An acquirer out of reach is asked again on a later round, never guessed at.
 */
@Component
class ActionExpiry {

	private static final Logger log = LoggerFactory.getLogger(ActionExpiry.class);

	private final PaymentRepository payments;

	private final PspRouter router;

	private final TransactionTemplate transactions;

	private final ActionExpiryProperties properties;

	ActionExpiry(PaymentRepository payments, PspRouter router, TransactionTemplate transactions,
			ActionExpiryProperties properties) {
		this.payments = payments;
		this.router = router;
		this.transactions = transactions;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${emberpay.payments.action-expiry.interval:1m}")
	void expireInBackground() {
		try {
			expireBatch();
		}
		catch (RuntimeException ex) {
			log.warn("Expiry round failed, next round retries: {}", ex.getMessage());
		}
	}

	/** Expires one batch of abandoned payments; answers how many were canceled. */
	int expireBatch() {
		List<Payment> waiting = this.payments.waitingLongerThan(this.properties.ttl(), this.properties.reviewTtl(),
				this.properties.batchSize());
		int canceled = 0;
		for (Payment payment : waiting) {
			if (expire(payment)) {
				canceled++;
			}
		}
		return canceled;
	}

	private boolean expire(Payment payment) {
		if (payment.awaitsAuthentication() && payment.psp() != null) {
			Optional<PspAuthorization> result;
			try {
				result = this.router.channel(payment.psp())
					.call(c -> c.authenticationResult(payment.pspAccount(), payment.authorizationKey(), null));
			}
			catch (RuntimeException ex) {
				log.info("Could not ask {} about abandoned payment {} yet: {}", payment.psp(), payment.id(),
						ex.getMessage());
				return false;
			}
			if (result.isPresent() && result.get().status() != PspAuthorization.Status.REQUIRES_ACTION) {
				this.transactions.executeWithoutResult(status -> AcquirerOutcomes.applyLater(this.payments,
						payment.id(), payment.psp(), result.get()));
				return false;
			}
			if (payment.pspReference() != null && !voided(payment)) {
				return false;
			}
		}
		Boolean canceled = this.transactions.execute(status -> {
			Payment locked = this.payments.lock(payment.id()).orElseThrow();
			if (locked.status() != PaymentStatus.REQUIRES_ACTION) {
				return false;
			}
			locked.cancel();
			this.payments.update(locked);
			return true;
		});
		if (Boolean.TRUE.equals(canceled)) {
			log.info("Canceled payment {}: it waited on its customer or a review longer than it may", payment.id());
		}
		return Boolean.TRUE.equals(canceled);
	}

	/**
	 * Voids the waiting authorization; an acquirer that refuses holds nothing to void (it
	 * was just asked and had no result).
	 */
	private boolean voided(Payment payment) {
		try {
			this.router.channel(payment.psp())
				.call(c -> c.voidAuthorization(payment.pspAccount(), payment.pspReference(), payment.id() + ".void"));
			return true;
		}
		catch (PspRejectedException ex) {
			log.info("{} holds nothing to void for abandoned payment {}: {}", payment.psp(), payment.id(),
					ex.getMessage());
			return true;
		}
		catch (RuntimeException ex) {
			log.info("Could not void abandoned payment {} at {} yet: {}", payment.id(), payment.psp(), ex.getMessage());
			return false;
		}
	}

}
