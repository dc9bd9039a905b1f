package io.emberpay.payment.payment;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the states payments reach ({@code emberpay.payments}, tagged {@code status} and
 * {@code psp}) for the payments-by-status panel. A state counts only once its transaction
 * commits, so a rolled-back move is never reported.
 */
@Component
class PaymentMetrics {

	/** Tag of a payment that never reached an acquirer (declined by fraud, step-up). */
	private static final String NO_PSP = "none";

	private final MeterRegistry meters;

	PaymentMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void countAfterCommit(List<PaymentStatus> reached, String psp) {
		if (reached.isEmpty()) {
			return;
		}
		String pspTag = (psp != null) ? psp : NO_PSP;
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				reached.forEach(status -> count(status, pspTag));
			}
		});
	}

	private void count(PaymentStatus status, String psp) {
		Counter.builder("emberpay.payments")
			.description("Payments by the state they reached")
			.tag("status", status.apiName())
			.tag("psp", psp)
			.register(this.meters)
			.increment();
	}

}
