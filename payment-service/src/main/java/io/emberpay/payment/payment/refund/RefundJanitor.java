package io.emberpay.payment.payment.refund;

import java.util.List;

import io.emberpay.payment.psp.PspOutcomeUnknownException;
import io.emberpay.payment.psp.PspProperties;
import io.emberpay.payment.psp.PspRefund;
import io.emberpay.payment.psp.PspRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles refunds whose acquirer answer was lost. Re-sending the refund with its own id
 * as the idempotency key either returns the refund the acquirer already made or makes it
 * once; a refusal releases the reserved amount. Safe with several replicas
 * ({@code FOR UPDATE SKIP LOCKED}).
 */
@Component
class RefundJanitor {

	private static final Logger log = LoggerFactory.getLogger(RefundJanitor.class);

	private final RefundRepository refunds;

	private final PaymentRefunds paymentRefunds;

	private final PspProperties properties;

	private final TransactionTemplate transactions;

	RefundJanitor(RefundRepository refunds, PaymentRefunds paymentRefunds, PspProperties properties,
			TransactionTemplate transactions) {
		this.refunds = refunds;
		this.paymentRefunds = paymentRefunds;
		this.properties = properties;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${emberpay.psp.janitor-interval}")
	void settleInBackground() {
		try {
			this.transactions.executeWithoutResult(status -> {
				List<Refund> stale = this.refunds.lockStalePending(this.properties.janitorGrace(),
						this.properties.janitorBatchSize());
				stale.forEach(this::settle);
			});
		}
		catch (RuntimeException ex) {
			log.warn("Refund janitor round failed, next round retries: {}", ex.getMessage());
		}
	}

	private void settle(Refund refund) {
		try {
			PspRefund answer = this.paymentRefunds.resend(refund);
			this.paymentRefunds.settleLocked(refund.succeeded(answer.id()), true);
		}
		catch (PspRejectedException ex) {
			this.paymentRefunds.settleLocked(refund.failed(), false);
		}
		catch (PspOutcomeUnknownException | io.github.resilience4j.circuitbreaker.CallNotPermittedException
				| io.github.resilience4j.bulkhead.BulkheadFullException ex) {
			log.info("Refund {} still unknown at the acquirer: {}", refund.id(), ex.getMessage());
		}
	}

}
