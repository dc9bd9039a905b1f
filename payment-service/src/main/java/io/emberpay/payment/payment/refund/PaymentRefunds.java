package io.emberpay.payment.payment.refund;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import io.emberpay.events.ResourceIds;
import io.emberpay.payment.PaymentError;
import io.emberpay.starter.idempotency.IdempotencyScope;
import io.emberpay.starter.idempotency.IdempotencyStore;
import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentOwnership;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.psp.PspOutcomeUnknownException;
import io.emberpay.payment.psp.PspRefund;
import io.emberpay.payment.psp.PspRejectedException;
import io.emberpay.payment.psp.PspRouter;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.request.RequestId;
import io.emberpay.starter.security.Caller;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds captured payments. The amount is reserved (a pending refund) under the
 * payment's row lock before the acquirer is asked, so concurrent refunds can never add up
 * to more than was captured. The acquirer key is the refund id.
 */
@Service
class PaymentRefunds {

	private final PaymentRepository payments;

	private final RefundRepository refunds;

	private final PspRouter router;

	private final IdempotencyStore idempotency;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PaymentRefunds(PaymentRepository payments, RefundRepository refunds, PspRouter router, IdempotencyStore idempotency,
			TransactionTemplate transactions, Clock clock) {
		this.payments = payments;
		this.refunds = refunds;
		this.router = router;
		this.idempotency = idempotency;
		this.transactions = transactions;
		this.clock = clock;
	}

	Refund refund(Caller caller, RefundRequest request) {
		IdempotencyScope scope = IdempotencyScope.current().orElse(null);
		if (scope != null && scope.recoveredResource() != null) {
			return get(caller, scope.recoveredResource());
		}
		Refund pending = this.transactions.execute(status -> reserve(caller, request, scope));
		PspRefund answer;
		try {
			answer = resend(pending);
		}
		catch (PspOutcomeUnknownException ex) {
			// The acquirer may have refunded: the amount stays reserved and the refund
			// pending.
			return pending;
		}
		catch (PspRejectedException ex) {
			settle(pending.failed(), false);
			throw new ApiException(PaymentError.REFUND_STATE_CONFLICT,
					"The acquirer refused refund " + pending.id() + "; nothing was refunded");
		}
		catch (RuntimeException ex) {
			settle(pending.failed(), false);
			throw new ApiException(PaymentError.PSP_UNAVAILABLE,
					"The acquirer could not be reached; nothing was refunded", null, this.router.retryAfter());
		}
		return settle(pending.succeeded(answer.id()), true);
	}

	private Refund reserve(Caller caller, RefundRequest request, IdempotencyScope scope) {
		Payment payment = this.payments.lock(request.payment())
			.orElseThrow(() -> ApiException.notFound("payment", request.payment()));
		PaymentOwnership.ofMerchant(caller, payment);
		long refundable = payment.refundable(this.refunds.pendingAmount(payment.id()));
		long amount = (request.amount() == null) ? refundable : request.amount();
		if (amount <= 0) {
			throw (request.amount() == null)
					? new ApiException(PaymentError.REFUND_STATE_CONFLICT, "Nothing left to refund")
					: ApiException.invalid("amount", "amount must be a positive integer in minor units");
		}
		if (amount > refundable) {
			throw new ApiException(PaymentError.AMOUNT_TOO_LARGE,
					"amount " + amount + " is above the " + refundable + " still refundable", "amount");
		}
		Refund refund = new Refund(ResourceIds.next("re"), payment.id(), payment.facts().merchantId(), amount,
				payment.facts().amount().currencyCode(), "pending", payment.psp(), null, request.reason(),
				RequestId.current(), this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		this.refunds.insert(refund);
		if (scope != null) {
			this.idempotency.recordResource(scope, refund.id());
		}
		return refund;
	}

	private Refund settle(Refund refund, boolean succeeded) {
		return this.transactions.execute(status -> settleLocked(refund, succeeded));
	}

	/**
	 * Lands the acquirer's answer on the refund and its payment, in the caller's
	 * transaction.
	 */
	Refund settleLocked(Refund refund, boolean succeeded) {
		Payment payment = this.payments.lock(refund.paymentId()).orElseThrow();
		this.refunds.updateStatus(refund);
		if (succeeded) {
			payment.refunded(refund.snapshot());
			this.payments.update(payment);
		}
		return refund;
	}

	/**
	 * Asks the acquirer again, with the refund's own key, so it can never refund twice.
	 */
	PspRefund resend(Refund refund) {
		Payment payment = this.payments.find(refund.paymentId()).orElseThrow();
		return this.router.channel(refund.psp())
			.call(c -> c.refund(payment.pspAccount(), payment.pspReference(), refund.amount(), refund.id(),
					refund.id()));
	}

	Refund get(Caller caller, String id) {
		Refund refund = this.refunds.find(id).orElseThrow(() -> ApiException.notFound("refund", id));
		// a refund has its payment's mode: a test key never reads a live refund
		boolean inCallersMode = this.payments.find(refund.paymentId())
			.map((payment) -> payment.facts().livemode() == caller.livemode())
			.orElse(false);
		if (!caller.isMerchant() || !caller.id().equals(refund.merchantId()) || !inCallersMode) {
			throw ApiException.notFound("refund", id);
		}
		return refund;
	}

}
