package io.emberpay.payment.payment.capture;

import java.util.function.Function;
import java.util.concurrent.CompletableFuture;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.idempotency.IdempotencyScope;
import io.emberpay.starter.idempotency.IdempotencyStore;
import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentOwnership;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.payment.PaymentStatus;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.PspConnector;
import io.emberpay.payment.psp.PspRejectedException;
import io.emberpay.payment.psp.PspRouter;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Captures and cancels authorized payments at the acquirer that authorized them. The
 * acquirer keys ({@code pay_….capture}, {@code pay_….void}) are fixed per payment, so a
 * retried call can never capture or void twice.
 */
@Service
public class PaymentCapture {

	private static final Logger log = LoggerFactory.getLogger(PaymentCapture.class);

	private final PaymentRepository payments;

	private final PspRouter router;

	private final IdempotencyStore idempotency;

	private final TransactionTemplate transactions;

	PaymentCapture(PaymentRepository payments, PspRouter router, IdempotencyStore idempotency,
			TransactionTemplate transactions) {
		this.payments = payments;
		this.router = router;
		this.idempotency = idempotency;
		this.transactions = transactions;
	}

	Payment capture(Caller caller, String paymentId, Long requestedAmount) {
		Payment payment = PaymentOwnership.ofMerchant(caller, load(paymentId));
		if (recovered(paymentId) && payment.status() != PaymentStatus.REQUIRES_CAPTURE) {
			return payment;
		}
		long amount = payment.checkCapture(requestedAmount);
		PspAuthorization captured = atAcquirer(payment,
				c -> c.capture(payment.pspAccount(), payment.pspReference(), amount, payment.id() + ".capture"));
		if (captured.status() != PspAuthorization.Status.CAPTURED) {
			throw new ApiException(PaymentError.PAYMENT_STATE_CONFLICT,
					"The acquirer did not capture payment " + paymentId);
		}
		return this.transactions.execute(status -> {
			Payment locked = this.payments.lock(paymentId).orElseThrow();
			if (locked.status() == PaymentStatus.REQUIRES_CAPTURE) {
				locked.captured(amount);
				this.payments.update(locked);
				recordResource(paymentId);
			}
			return locked;
		});
	}

	Payment cancel(Caller caller, String paymentId) {
		// the contract reserves cancel for the merchant: a user never voids its
		// authorization
		Payment payment = PaymentOwnership.ofMerchant(caller, load(paymentId));
		if (recovered(paymentId) && payment.status() == PaymentStatus.CANCELED) {
			return payment;
		}
		if (payment.cancelNeedsVoid()) {
			atAcquirer(payment,
					c -> c.voidAuthorization(payment.pspAccount(), payment.pspReference(), payment.id() + ".void"));
		}
		else if (payment.awaitsAuthentication() && payment.psp() != null && payment.pspReference() != null) {
			abandonChallenge(payment);
		}
		return this.transactions.execute(status -> {
			Payment locked = this.payments.lock(paymentId).orElseThrow();
			if (locked.status() != PaymentStatus.CANCELED) {
				locked.cancel();
				this.payments.update(locked);
				recordResource(paymentId);
			}
			return locked;
		});
	}

	/**
	 * Best effort: voids an authorization still waiting on 3-D Secure (at Stripe, the
	 * PaymentIntent is canceled), so a customer who passes the challenge later is not
	 * charged. An acquirer that cannot void it yet (the simulator) has its later hold
	 * released when it tells of it; the cancel goes on either way.
	 */
	private void abandonChallenge(Payment payment) {
		try {
			this.router.channel(payment.psp())
				.call(c -> c.voidAuthorization(payment.pspAccount(), payment.pspReference(), payment.id() + ".void"));
		}
		catch (RuntimeException ex) {
			log.info("Payment {} canceled while at 3-D Secure; {} did not void it now: {}", payment.id(), payment.psp(),
					ex.getMessage());
		}
	}

	private PspAuthorization atAcquirer(Payment payment,
			Function<PspConnector, CompletableFuture<PspAuthorization>> operation) {
		try {
			return this.router.channel(payment.psp()).call(operation);
		}
		catch (PspRejectedException ex) {
			throw new ApiException(PaymentError.PAYMENT_STATE_CONFLICT,
					"The acquirer refused the operation on payment " + payment.id());
		}
		catch (RuntimeException ex) {
			throw new ApiException(PaymentError.PSP_UNAVAILABLE,
					"The acquirer could not be reached; retry with the same Idempotency-Key", null,
					this.router.retryAfter());
		}
	}

	private Payment load(String paymentId) {
		return this.payments.find(paymentId).orElseThrow(() -> ApiException.notFound("payment", paymentId));
	}

	private static boolean recovered(String paymentId) {
		return IdempotencyScope.current().map(scope -> paymentId.equals(scope.recoveredResource())).orElse(false);
	}

	private void recordResource(String paymentId) {
		IdempotencyScope.current().ifPresent(scope -> this.idempotency.recordResource(scope, paymentId));
	}

}
