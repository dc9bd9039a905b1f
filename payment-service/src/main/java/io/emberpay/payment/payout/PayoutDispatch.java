package io.emberpay.payment.payout;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

import io.emberpay.payment.psp.PspAccount;
import io.emberpay.payment.psp.PspConnector;
import io.emberpay.payment.psp.PspOutcomeUnknownException;
import io.emberpay.payment.psp.PspPayout;
import io.emberpay.payment.psp.PspRejectedException;
import io.emberpay.payment.psp.PspRouter;
import io.emberpay.payment.psp.PspUnreachableException;
import io.emberpay.payment.vault.BankAccountSecret;
import io.emberpay.payment.vault.ExternalAccountVault;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves payouts along with the acquirer: sends a pending one (always under the key
 * {@code payout:<id>}, so sending again never pays twice) and asks about one in transit.
 * Acquirer calls run outside any database transaction; each answer is applied under the
 * payout's row lock, through the state machine. When the acquirer's answer is unknown or
 * it cannot be reached, the payout stays as it is and the tracker asks again later.
 */
@Component
class PayoutDispatch {

	private static final Logger log = LoggerFactory.getLogger(PayoutDispatch.class);

	private final PayoutRepository payouts;

	private final ExternalAccountVault accounts;

	private final PspRouter router;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PayoutDispatch(PayoutRepository payouts, ExternalAccountVault accounts, PspRouter router,
			TransactionTemplate transactions, Clock clock) {
		this.payouts = payouts;
		this.accounts = accounts;
		this.router = router;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Sends a pending payout, or asks about one in transit; final ones stay as they are.
	 */
	void advance(Payout payout) {
		switch (payout.status()) {
			case PENDING -> send(payout);
			case IN_TRANSIT -> track(payout);
			case PAID, FAILED -> {
				// final
			}
		}
	}

	private void send(Payout payout) {
		BankAccountSecret bank = this.accounts
			.reveal(this.accounts.account(payout.merchantId(), payout.destination().id()));
		PspConnector.Payout order = new PspConnector.Payout(payout.amount(), payout.currency(), bank, payout.id());
		// the payout's mode picks the acquirer account: test money never reaches a live
		// one
		PspAccount account = new PspAccount(payout.merchantId(), payout.livemode());
		PspPayout answer;
		try {
			answer = this.router.channel(payout.psp())
				.call(connector -> connector.payout(account, order, "payout:" + payout.id()));
		}
		catch (PspRejectedException ex) {
			log.warn("Acquirer {} refused payout {}: {}", payout.psp(), payout.id(), ex.getMessage());
			apply(payout.id(), p -> p.failed("acquirer_rejected", this.clock.instant()));
			return;
		}
		catch (PspOutcomeUnknownException | PspUnreachableException | CallNotPermittedException
				| BulkheadFullException ex) {
			log.warn("Payout {} not sent to {} yet, the tracker asks again: {}", payout.id(), payout.psp(),
					ex.getMessage());
			return;
		}
		apply(payout.id(), p -> {
			p.sent(answer.id());
			settle(p, answer);
		});
	}

	private void track(Payout payout) {
		PspAccount account = new PspAccount(payout.merchantId(), payout.livemode());
		PspPayout answer;
		try {
			answer = this.router.channel(payout.psp())
				.call(connector -> connector.findPayout(account, payout.pspReference()));
		}
		catch (RuntimeException ex) {
			log.warn("Could not ask {} about payout {}: {}", payout.psp(), payout.id(), ex.getMessage());
			return;
		}
		apply(payout.id(), p -> settle(p, answer));
	}

	/** Applies the acquirer's final word, if it has one. */
	private void settle(Payout payout, PspPayout answer) {
		if (payout.status() != PayoutStatus.IN_TRANSIT) {
			return;
		}
		switch (answer.status()) {
			case PAID -> payout.paid(this.clock.instant());
			case FAILED -> payout.failed((answer.failureCode() == null) ? "could_not_process" : answer.failureCode(),
					this.clock.instant());
			case IN_TRANSIT, OTHER -> {
				// not decided yet
			}
		}
	}

	/**
	 * Reloads the payout under its row lock and applies the change if it is still where
	 * the caller saw it (another replica's tracker may have moved it meanwhile).
	 */
	private void apply(String payoutId, Consumer<Payout> change) {
		this.transactions.executeWithoutResult(status -> {
			Optional<Payout> locked = this.payouts.lock(payoutId);
			if (locked.isEmpty() || locked.get().status().isFinal()) {
				return;
			}
			Payout payout = locked.get();
			PayoutStatus before = payout.status();
			try {
				change.accept(payout);
			}
			catch (IllegalPayoutTransition ex) {
				log.info("Payout {} already moved on from {}: {}", payoutId, before.apiName(), ex.getMessage());
				return;
			}
			if (payout.status() != before) {
				this.payouts.update(payout);
			}
		});
	}

}
