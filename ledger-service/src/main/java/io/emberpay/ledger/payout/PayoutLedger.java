package io.emberpay.ledger.payout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.emberpay.ledger.LedgerError;
import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.AccountCodes;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.account.NormalSide;
import io.emberpay.ledger.balance.Balance;
import io.emberpay.ledger.balance.BalanceReader;
import io.emberpay.ledger.hold.LedgerHolds;
import io.emberpay.ledger.hold.OpenHold;
import io.emberpay.ledger.payment.PspMovements;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.HoldTerms;
import io.emberpay.ledger.posting.LedgerWriter;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Posting;
import io.emberpay.ledger.posting.PostingOutcome;
import io.emberpay.starter.problem.ApiException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A payout's money in the ledger, as a two-phase hold:
 * <ul>
 * <li>created: pending debit {@code merchant_available:{merchant}}, pending credit
 * {@code payouts_in_transit}, refused when it exceeds what is available;
 * <li>paid: the pending legs reversed and posted debit {@code merchant_available}, credit
 * {@code psp_receivable:{psp}} (the acquirer paid the merchant out of what it owed us);
 * <li>failed: the pending legs reversed, the funds are available again.
 * </ul>
 * The available check and the hold run under the chain lock, which every append takes:
 * two payouts can never both see the same funds, so concurrent payouts never overdraw.
 * {@code merchant_available} itself stays unguarded, because refunds and disputes must
 * still post when a merchant's balance does not cover them. Everything happens within the
 * payout's mode: a test payout is held from, and posted to, test accounts only, so the
 * no-overdraft guarantee holds per mode and test money never covers a live payout.
 */
@Component
public class PayoutLedger {

	static final String HOLD_KIND = "payout";

	static final String PAID_KIND = "payout_paid";

	static final String FAILED_KIND = "payout_failure";

	private final LedgerWriter writer;

	private final LedgerAccounts accounts;

	private final LedgerHolds holds;

	private final BalanceReader balances;

	private final PayoutProperties properties;

	private final PspMovements movements;

	private final Clock clock;

	public PayoutLedger(LedgerWriter writer, LedgerAccounts accounts, LedgerHolds holds, BalanceReader balances,
			PayoutProperties properties, PspMovements movements, Clock clock) {
		this.writer = writer;
		this.accounts = accounts;
		this.holds = holds;
		this.balances = balances;
		this.properties = properties;
		this.movements = movements;
		this.clock = clock;
	}

	/**
	 * Holds {@code amount} for the payout out of the merchant's balance of this mode, or,
	 * when {@code amount} is null, everything available there if that reaches
	 * {@code minimum} (a scheduled payout). Holding the same payout again answers the
	 * first hold.
	 */
	@Transactional
	public PayoutHold hold(String payout, String merchant, Long amount, long minimum, String currency,
			boolean livemode) {
		this.writer.lockChain();
		String code = AccountCodes.merchantAvailable(merchant);
		Account available = this.accounts.ownedBy(merchant, livemode)
			.stream()
			.filter(account -> account.code().equals(code) && account.currency().equals(currency))
			.findFirst()
			.orElseThrow(() -> ApiException.invalid("currency",
					"There is no " + (livemode ? "live" : "test") + " balance in " + currency + " to pay out"));
		long free = spendable(this.balances.current(available.id()));
		String cause = "payout:" + payout;
		Optional<OpenHold> existing = this.holds.openFor(payout);
		if (existing.isPresent()) {
			return new PayoutHold("payout_hold", payout, merchant, existing.get().amount(), currency,
					existing.get().id(), free);
		}
		long wanted = (amount != null) ? amount : free;
		if (wanted <= 0 || wanted > free || wanted < minimum) {
			throw new ApiException(LedgerError.INSUFFICIENT_AVAILABLE_BALANCE, "Available " + free + " " + currency
					+ " does not cover a payout of " + ((amount != null) ? amount : "at least " + Math.max(1, minimum)),
					"amount");
		}
		Account inTransit = this.accounts.open(AccountCodes.PAYOUTS_IN_TRANSIT, currency, livemode);
		Posting posting = Posting
			.of(cause, HOLD_KIND, null, payout,
					List.of(Leg.pending(available, Direction.DEBIT, wanted),
							Leg.pending(inTransit, Direction.CREDIT, wanted)))
			.opening(new HoldTerms(payout, available, inTransit, wanted,
					this.clock.instant().plus(this.properties.holdTtl())));
		PostingOutcome outcome = this.writer.append(List.of(posting)).get(0);
		return switch (outcome) {
			case PostingOutcome.Posted posted -> new PayoutHold("payout_hold", payout, merchant, wanted, currency,
					posted.transaction().id(), free - wanted);
			// the payout's hold was resolved already: it was paid or failed before
			case PostingOutcome.Duplicate duplicate -> throw new ApiException(LedgerError.HOLD_ALREADY_RESOLVED,
					"Payout " + payout + " was already held and resolved", null);
			case PostingOutcome.Rejected rejected ->
				throw new ApiException(rejected.error(), rejected.detail(), rejected.param());
		};
	}

	/**
	 * Posts the payout's hold. A payout paid after its hold expired (or without one) is
	 * posted from the available balance all the same: the money has left. The mode is the
	 * event's; an event written before payouts carried one ({@code livemode} null) takes
	 * the mode of the payout's hold, and test without a hold (such payouts were all sent
	 * under the acquirer's test account).
	 */
	public void paid(String cause, String payout, String merchant, long amount, String currency, String psp,
			Boolean livemode) {
		this.writer.lockChain();
		Optional<OpenHold> hold = this.holds.openFor(payout);
		boolean mode = (livemode != null) ? livemode : hold.map(open -> open.debit().livemode()).orElse(false);
		Account available = this.accounts.open(AccountCodes.merchantAvailable(merchant), currency, mode);
		Account receivable = this.accounts.open(AccountCodes.pspReceivable(psp), currency, mode);
		List<Leg> legs = new ArrayList<>(hold.map(OpenHold::releaseLegs).orElse(List.of()));
		legs.add(Leg.posted(available, Direction.DEBIT, amount));
		legs.add(Leg.posted(receivable, Direction.CREDIT, amount));
		Posting posting = Posting.of(cause, PAID_KIND, null, payout, legs);
		PostingOutcome outcome = post(hold.map(open -> posting.resolving(open.id())).orElse(posting));
		if (outcome instanceof PostingOutcome.Posted posted) {
			// the acquirer's settlement file lists the payout: reconciliation matches it
			this.movements.record(
					PspMovements.PspMovement.unconverted("payout", payout, psp, amount, currency, 0, mode),
					posted.transaction().seq());
		}
	}

	/** Voids the payout's hold, if it is still open: the funds are available again. */
	public void failed(String cause, String payout) {
		this.writer.lockChain();
		this.holds.openFor(payout).ifPresent(open -> post(open.release(cause, FAILED_KIND, null)));
	}

	/** Posted funds less what payouts in transit already reserved. */
	static long spendable(Balance balance) {
		return balance.available(NormalSide.CREDIT) + Math.min(0, balance.pending(NormalSide.CREDIT));
	}

	/**
	 * A refusal here is a defect or a broken event: throwing rolls the consumer batch
	 * back, and the starter retries and then parks the record.
	 */
	private PostingOutcome post(Posting posting) {
		PostingOutcome outcome = this.writer.append(List.of(posting)).get(0);
		if (outcome instanceof PostingOutcome.Rejected rejected) {
			throw new IllegalStateException("Payout posting " + posting.cause() + " refused: " + rejected.error().code()
					+ ": " + rejected.detail());
		}
		return outcome;
	}

}
