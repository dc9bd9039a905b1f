package io.emberpay.payment.payment.authorization;

import java.util.List;
import java.util.Optional;

import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.psp.AuthorizationOutcome;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.PspProperties;
import io.emberpay.payment.psp.PspRouter;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles payments whose acquirer outcome is unknown (a timeout, a reset). It asks the
 * acquirers by the payment's idempotency key and never authorizes anew: found means the
 * outcome the acquirer recorded; not found anywhere, well after every attempt of the
 * request has ended, means the request never reached them and the payment failed with
 * nothing charged. Several replicas can run it: each claims rows with
 * {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
public class AuthorizationJanitor {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationJanitor.class);

	private final PaymentRepository payments;

	private final PspRouter router;

	private final PspProperties properties;

	private final TransactionTemplate transactions;

	AuthorizationJanitor(PaymentRepository payments, PspRouter router, PspProperties properties,
			TransactionTemplate transactions) {
		this.payments = payments;
		this.router = router;
		this.properties = properties;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${emberpay.psp.janitor-interval}")
	void settleInBackground() {
		try {
			settleBatch();
		}
		catch (RuntimeException ex) {
			log.warn("Janitor round failed, next round retries: {}", ex.getMessage());
		}
	}

	/** Settles one batch of stale processing payments; answers how many it settled. */
	public int settleBatch() {
		Integer settled = this.transactions.execute(status -> {
			List<Payment> stale = this.payments.lockStaleProcessing(this.properties.janitorGrace(),
					this.properties.janitorBatchSize());
			int count = 0;
			for (Payment payment : stale) {
				if (settle(payment)) {
					count++;
				}
				else {
					this.payments.deferSettlement(payment.id());
				}
			}
			return count;
		});
		return (settled == null) ? 0 : settled;
	}

	private boolean settle(Payment payment) {
		Optional<PspRouter.Found> found;
		try {
			found = this.router.findAuthorization(payment.pspAccount(), payment.authorizationKey());
		}
		catch (RuntimeException ex) {
			if (!(ex instanceof CallNotPermittedException || ex instanceof BulkheadFullException)) {
				log.info("Could not ask the acquirers about {} yet: {}", payment.id(), ex.getMessage());
			}
			return false;
		}
		AuthorizationOutcome outcome = found
			.<AuthorizationOutcome>map(f -> (f.authorization().status() == PspAuthorization.Status.DECLINED)
					? new AuthorizationOutcome.Declined(f.psp(), f.authorization())
					: new AuthorizationOutcome.Approved(f.psp(), f.authorization()))
			.orElseGet(() -> new AuthorizationOutcome.Rejected(null));
		AcquirerOutcomes.apply(this.payments, payment.id(), outcome);
		log.info("Settled {} after an unknown acquirer outcome: {}", payment.id(), found.isPresent()
				? found.get().psp() + " " + found.get().authorization().status() : "no authorization anywhere");
		return true;
	}

}
