package io.emberpay.payment.payout;

import java.time.Duration;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.internal.InternalServices;
import io.emberpay.starter.internal.ServiceRefused;
import io.emberpay.starter.internal.ServiceUnreachable;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

import org.springframework.stereotype.Component;

/**
 * Asks the ledger to hold a payout's funds out of the merchant's available balance. The
 * ledger decides under its chain lock, so concurrent payouts can never together exceed
 * what is available; a refusal here means nothing was held.
 */
@Component
class PayoutFunds {

	private final LedgerPayoutHolds ledger;

	PayoutFunds(InternalServices services, PayoutProperties properties) {
		this.ledger = services.client(LedgerPayoutHolds.class, "ledger-service", properties.ledgerUrl(),
				properties.ledgerTimeout());
	}

	/**
	 * Holds {@code amount}, or with a null amount everything available when it reaches
	 * {@code minimum}, out of the balance of mode {@code livemode}; answers the amount
	 * held.
	 */
	long hold(String payoutId, String merchantId, Long amount, long minimum, String currency, boolean livemode) {
		try {
			return this.ledger
				.hold(new LedgerPayoutHolds.HoldRequest(payoutId, merchantId, currency, amount, minimum, livemode))
				.amount();
		}
		catch (ServiceRefused ex) {
			throw switch (ex.status()) {
				case 409 -> new ApiException(PaymentError.INSUFFICIENT_AVAILABLE_BALANCE,
						"The available balance in " + currency + " does not cover this payout", "amount");
				case 400 -> ApiException.invalid((ex.param() != null) ? ex.param() : "currency",
						(ex.detail() != null) ? ex.detail() : "The payout cannot be held");
				// the ledger failing or busy: nothing was held, the merchant may retry
				default -> new ApiException(CommonError.SERVICE_UNAVAILABLE,
						"The ledger cannot hold the payout's funds now", null, Duration.ofSeconds(5));
			};
		}
		catch (ServiceUnreachable ex) {
			throw new ApiException(CommonError.SERVICE_UNAVAILABLE, "The ledger cannot hold the payout's funds now",
					null, Duration.ofSeconds(5));
		}
	}

}
