package io.emberpay.ledger.dispute;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.dispute.DisputeClosed;
import io.emberpay.events.dispute.DisputeCreated;
import io.emberpay.events.dispute.DisputeSnapshot;
import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.AccountCodes;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.fx.FxQuote;
import io.emberpay.ledger.fx.FxSettlement;
import io.emberpay.ledger.payment.PspMovements;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.LedgerWriter;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Posting;
import io.emberpay.ledger.posting.PostingOutcome;
import io.emberpay.starter.inbox.ReceivedEvent;

import org.springframework.stereotype.Component;

/**
 * A dispute's money in the ledger, from payment-service's dispute events:
 * <ul>
 * <li>created: debit {@code merchant_available:{merchant}} amount plus fee, credit
 * {@code psp_receivable:{psp}} the amount (the acquirer took it back) and
 * {@code platform_fees} the fee; the merchant's available balance may go below zero;
 * <li>closed as won: the same legs reversed, amount and fee return;
 * <li>closed as lost (or accepted): nothing more, the money stays gone.
 * </ul>
 * Each posting's cause is the event id, so a redelivered event posts nothing twice. A
 * dispute of a converted payment converts its amount and fee at the payment's own rate
 * ({@link FxSettlement}), so the merchant's settlement-currency balance moves. The money
 * moves in the dispute's mode; an event written before disputes carried one takes the
 * disputed payment's mode from its capture, and test when the ledger never saw it.
 */
@Component
public class DisputePostings {

	static final String OPENED_KIND = "dispute";

	static final String WON_KIND = "dispute_won";

	private final LedgerWriter writer;

	private final LedgerAccounts accounts;

	private final PspMovements movements;

	private final FxSettlement fx;

	public DisputePostings(LedgerWriter writer, LedgerAccounts accounts, PspMovements movements, FxSettlement fx) {
		this.writer = writer;
		this.accounts = accounts;
		this.movements = movements;
		this.fx = fx;
	}

	public void handle(ReceivedEvent received) {
		switch (received.event()) {
			case DisputeCreated created -> {
				DisputeSnapshot dispute = created.dispute();
				Booked booked = post(created.eventId(), OPENED_KIND, dispute, Direction.DEBIT);
				if (booked.outcome() instanceof PostingOutcome.Posted posted) {
					// the acquirer's settlement file lists the debit under the disputed
					// payment (it does not know our dp_ id): reconciliation matches it
					this.movements.record(booked.movement(), posted.transaction().seq());
				}
			}
			case DisputeClosed closed when "won".equals(closed.dispute().status()) ->
				post(closed.eventId(), WON_KIND, closed.dispute(), Direction.CREDIT);
			default -> {
				// lost, accepted and evidence submitted move no money
			}
		}
	}

	private boolean livemode(DisputeSnapshot dispute) {
		if (dispute.livemode() != null) {
			return dispute.livemode();
		}
		return this.movements.find("capture", dispute.payment()).map(PspMovements.PspMovement::livemode).orElse(false);
	}

	/**
	 * Withdraws ({@code DEBIT}) or returns ({@code CREDIT}) the amount and fee; the
	 * movement is what the acquirer took back, in the payment's currency, with the fee in
	 * the currency the merchant was charged it.
	 */
	private Booked post(String cause, String kind, DisputeSnapshot dispute, Direction merchantSide) {
		boolean livemode = livemode(dispute);
		Optional<FxQuote> quote = this.fx.originalQuote(dispute.payment());
		FxQuote.Conversion conversion = quote.map(terms -> terms.convert(dispute.amount())).orElse(null);
		String settlement = quote.map(FxQuote::to).orElse(dispute.currency());
		long amount = (conversion != null) ? conversion.settled() : dispute.amount();
		long fee = quote.map(terms -> terms.convert(dispute.fee()).settled()).orElse(dispute.fee());
		Account available = this.accounts.open(AccountCodes.merchantAvailable(dispute.merchant()), settlement,
				livemode);
		Account receivable = this.accounts.open(AccountCodes.pspReceivable(dispute.psp()), dispute.currency(),
				livemode);
		Account fees = this.accounts.open(AccountCodes.PLATFORM_FEES, settlement, livemode);
		Direction otherSide = merchantSide.opposite();
		List<Leg> legs = new ArrayList<>();
		if (amount + fee > 0) {
			legs.add(Leg.posted(available, merchantSide, Math.addExact(amount, fee)));
		}
		legs.add(Leg.posted(receivable, otherSide, dispute.amount()));
		if (fee > 0) {
			legs.add(Leg.posted(fees, otherSide, fee));
		}
		if (conversion != null) {
			// opened, the conversion runs backwards: the merchant gives back what it was
			// credited for the amount; won, forwards again
			legs.addAll(this.fx.legs(quote.get(), conversion, merchantSide, livemode));
		}
		PostingOutcome outcome = this.writer.append(List.of(Posting.of(cause, kind, null, dispute.id(), legs))).get(0);
		if (conversion != null) {
			this.fx.record(outcome, dispute.merchant(), livemode, dispute.payment(), quote.get(), conversion);
		}
		if (outcome instanceof PostingOutcome.Rejected rejected) {
			// a broken event: throwing rolls the consumer batch back, the starter retries
			// and then parks the record
			throw new IllegalStateException(
					"Dispute posting " + cause + " refused: " + rejected.error().code() + ": " + rejected.detail());
		}
		PspMovements.PspMovement movement = (conversion == null)
				? PspMovements.PspMovement.unconverted("dispute", dispute.payment(), dispute.psp(), dispute.amount(),
						dispute.currency(), fee, livemode)
				: new PspMovements.PspMovement("dispute", dispute.payment(), dispute.psp(), dispute.amount(),
						dispute.currency(), fee, amount, settlement, quote.get().rate(), livemode);
		return new Booked(outcome, movement);
	}

	private record Booked(PostingOutcome outcome, PspMovements.PspMovement movement) {
	}

}
