package io.emberpay.payment.payout;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import io.emberpay.events.ResourceIds;
import io.emberpay.payment.psp.PspRouter;
import io.emberpay.payment.vault.ExternalAccount;
import io.emberpay.payment.vault.ExternalAccountVault;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates payouts, the merchant's own or the scheduler's: the destination is checked, the
 * ledger holds the funds (refusing what is not available), the payout and its
 * {@code payout.created} event commit together, and then it is sent to the acquirer.
 * Should this process die between the hold and the commit, no payout names the hold; it
 * expires in the ledger and the funds come back (see the ledger's payout hold TTL).
 */
@Service
public class PayoutRequests {

	private final PayoutRepository payouts;

	private final PayoutFunds funds;

	private final PayoutDispatch dispatch;

	private final ExternalAccountVault accounts;

	private final PspRouter router;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PayoutRequests(PayoutRepository payouts, PayoutFunds funds, PayoutDispatch dispatch, ExternalAccountVault accounts,
			PspRouter router, TransactionTemplate transactions, Clock clock) {
		this.payouts = payouts;
		this.funds = funds;
		this.dispatch = dispatch;
		this.accounts = accounts;
		this.router = router;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * A payout of {@code amount}, or of everything available when {@code amount} is null
	 * and that reaches {@code minimum}, out of the merchant's balance of mode
	 * {@code livemode}.
	 */
	Payout create(String merchantId, boolean livemode, Long amount, long minimum, String currency, String destinationId,
			boolean automatic) {
		String psp = this.router.payoutChannel(merchantId).name();
		ExternalAccount destination = this.accounts.destination(merchantId, destinationId, currency);
		String id = ResourceIds.next("po");
		long held = this.funds.hold(id, merchantId, amount, minimum, currency, livemode);
		Payout payout = Payout.created(id, merchantId, held, currency,
				new Payout.Destination(destination.id(), destination.last4(), destination.bankName(),
						destination.country()),
				automatic, livemode, psp, this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		this.transactions.executeWithoutResult(status -> this.payouts.insert(payout));
		this.dispatch.advance(payout);
		return this.payouts.find(merchantId, livemode, id).orElse(payout);
	}

	Payout find(String merchantId, boolean livemode, String id) {
		return this.payouts.find(merchantId, livemode, id).orElseThrow(() -> ApiException.notFound("payout", id));
	}

	ListPage<PayoutView> list(String merchantId, boolean livemode, PageQuery page) {
		return ListPage.of(this.payouts.listForMerchant(merchantId, livemode, page.startingAfter(), page.limit() + 1),
				page.limit(), PayoutView::of);
	}

}
