package io.emberpay.ledger.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCanceled;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.RefundSnapshot;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.AccountCodes;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.fx.FxQuote;
import io.emberpay.ledger.fx.FxSettlement;
import io.emberpay.ledger.hold.HoldProperties;
import io.emberpay.ledger.hold.LedgerHolds;
import io.emberpay.ledger.hold.OpenHold;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.HoldTerms;
import io.emberpay.ledger.posting.LedgerWriter;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Posting;
import io.emberpay.ledger.posting.PostingOutcome;
import io.emberpay.starter.inbox.ReceivedEvent;

import org.springframework.stereotype.Component;

/**
 * Turns payment events into ledger transactions, inside the consumer's database
 * transaction (the inbox has already recorded the event id, so a redelivery never gets
 * here; the event id is also the transaction's unique cause).
 * <ul>
 * <li>authorized: hold, pending debit {@code psp_receivable:{psp}} / pending credit
 * {@code merchant_payable:{merchant}} for the authorized amount;
 * <li>captured: the hold's pending legs reversed, then posted debit
 * {@code psp_receivable} for the amount received, credit {@code merchant_payable} for it
 * less the platform fee, credit {@code platform_fees} for the fee; the uncaptured rest is
 * thereby released;
 * <li>canceled or failed with a hold: the hold's pending legs reversed;
 * <li>failed after money was received (a settled bank debit returned): the capture
 * reversed, debit {@code merchant_payable} and {@code platform_fees}, credit
 * {@code psp_receivable};
 * <li>refund succeeded: debit {@code merchant_payable} and {@code platform_fees} (the fee
 * returned in proportion to the refund), credit {@code psp_receivable}.
 * </ul>
 * A payment in a currency other than the merchant's settlement currency is converted
 * ({@link FxSettlement}): the merchant and fee legs are then in the settlement currency,
 * and its refunds and return convert at the payment's own rate.
 */
@Component
public class PaymentPostings {

	private static final Pattern INVOICE_ID = Pattern.compile("in_[A-Za-z0-9]{1,60}");

	private final LedgerWriter writer;

	private final LedgerAccounts accounts;

	private final LedgerHolds holds;

	private final PspMovements movements;

	private final FeeSchedule fees;

	private final HoldProperties holdProperties;

	private final FxSettlement fx;

	public PaymentPostings(LedgerWriter writer, LedgerAccounts accounts, LedgerHolds holds, PspMovements movements,
			FeeSchedule fees, HoldProperties holdProperties, FxSettlement fx) {
		this.writer = writer;
		this.accounts = accounts;
		this.holds = holds;
		this.movements = movements;
		this.fees = fees;
		this.holdProperties = holdProperties;
		this.fx = fx;
	}

	public void handle(ReceivedEvent received) {
		if (!(received.event() instanceof PaymentEvent event)) {
			return;
		}
		switch (event) {
			case PaymentAuthorized authorized -> hold(authorized);
			case PaymentCaptured captured -> capture(captured);
			case PaymentCanceled canceled -> release(canceled.eventId(), canceled.payment());
			case PaymentFailed failed -> {
				if (failed.payment().amountReceived() > 0) {
					reverseCapture(failed);
				}
				else {
					release(failed.eventId(), failed.payment());
				}
			}
			case RefundSucceeded refunded -> refund(refunded);
			default -> {
				// requires_action and succeeded move no money
			}
		}
	}

	private void hold(PaymentAuthorized event) {
		PaymentSnapshot payment = event.payment();
		Account receivable = this.accounts.open(AccountCodes.pspReceivable(payment.psp()), payment.currency(),
				payment.livemode());
		Account payable = this.accounts.open(AccountCodes.merchantPayable(payment.merchant()), payment.currency(),
				payment.livemode());
		long amount = payment.amount();
		Posting posting = Posting
			.of(event.eventId(), "hold", payment.requestId(), payment.id(),
					List.of(Leg.pending(receivable, Direction.DEBIT, amount),
							Leg.pending(payable, Direction.CREDIT, amount)))
			.opening(new HoldTerms(payment.id(), receivable, payable, amount,
					event.occurredAt().plus(this.holdProperties.ttl())));
		post(posting);
	}

	private void capture(PaymentCaptured event) {
		PaymentSnapshot payment = event.payment();
		this.writer.lockChain();
		Optional<OpenHold> hold = this.holds.openFor(payment.id());
		long received = payment.amountReceived();
		if (received <= 0) {
			hold.ifPresent(open -> post(open.release(event.eventId(), "release", payment.requestId())));
			return;
		}
		Account receivable = this.accounts.open(AccountCodes.pspReceivable(payment.psp()), payment.currency(),
				payment.livemode());
		Optional<FxQuote> quote = this.fx.quoteFor(payment.merchant(), payment.livemode(), payment.currency(),
				event.occurredAt());
		FxQuote.Conversion conversion = quote.map(terms -> terms.convert(received)).orElse(null);
		String settlement = quote.map(FxQuote::to).orElse(payment.currency());
		long credited = (conversion != null) ? conversion.settled() : received;
		Account payable = this.accounts.open(AccountCodes.merchantPayable(payment.merchant()), settlement,
				payment.livemode());
		Account platformFees = this.accounts.open(AccountCodes.PLATFORM_FEES, settlement, payment.livemode());
		long fee = (credited > 0) ? this.fees.feeFor(payment.merchant(), credited) : 0;
		List<Leg> legs = new ArrayList<>(hold.map(OpenHold::releaseLegs).orElse(List.of()));
		legs.add(Leg.posted(receivable, Direction.DEBIT, received));
		if (conversion != null) {
			legs.addAll(this.fx.legs(quote.get(), conversion, Direction.CREDIT, payment.livemode()));
		}
		addIfPositive(legs, payable, Direction.CREDIT, credited - fee);
		addIfPositive(legs, platformFees, Direction.CREDIT, fee);
		Posting posting = Posting.of(event.eventId(), "capture", payment.requestId(), payment.id(), legs)
			.describedAs(invoiceOf(payment).map(invoice -> "Invoice " + invoice).orElse(null));
		PostingOutcome outcome = post(hold.map(open -> posting.resolving(open.id())).orElse(posting));
		if (conversion != null) {
			this.fx.record(outcome, payment.merchant(), payment.livemode(), payment.id(), quote.get(), conversion);
		}
		if (outcome instanceof PostingOutcome.Posted posted) {
			this.movements.record(movement("capture", payment.id(), payment.psp(), received, payment.currency(), fee,
					quote, conversion, payment.livemode()), posted.transaction().seq());
		}
	}

	private void release(String eventId, PaymentSnapshot payment) {
		this.writer.lockChain();
		this.holds.openFor(payment.id()).ifPresent(open -> post(open.release(eventId, "release", payment.requestId())));
	}

	/**
	 * A payment that failed after money was received (a bank debit the bank returned
	 * after it settled): the capture's postings are reversed by new postings, the ledger
	 * staying append-only. The merchant gives back what it was credited, the platform its
	 * fee, and the acquirer no longer owes the amount.
	 */
	private void reverseCapture(PaymentFailed event) {
		PaymentSnapshot payment = event.payment();
		long received = payment.amountReceived();
		long fee = this.movements.find("capture", payment.id())
			.map(PspMovements.PspMovement::platformFee)
			.orElseGet(() -> this.fees.feeFor(payment.merchant(), received));
		Account receivable = this.accounts.open(AccountCodes.pspReceivable(payment.psp()), payment.currency(),
				payment.livemode());
		Optional<FxQuote> quote = this.fx.originalQuote(payment.id());
		FxQuote.Conversion conversion = quote.map(terms -> terms.convert(received)).orElse(null);
		String settlement = quote.map(FxQuote::to).orElse(payment.currency());
		long debited = (conversion != null) ? conversion.settled() : received;
		Account payable = this.accounts.open(AccountCodes.merchantPayable(payment.merchant()), settlement,
				payment.livemode());
		Account platformFees = this.accounts.open(AccountCodes.PLATFORM_FEES, settlement, payment.livemode());
		List<Leg> legs = new ArrayList<>();
		addIfPositive(legs, payable, Direction.DEBIT, debited - fee);
		addIfPositive(legs, platformFees, Direction.DEBIT, fee);
		if (conversion != null) {
			legs.addAll(this.fx.legs(quote.get(), conversion, Direction.DEBIT, payment.livemode()));
		}
		legs.add(Leg.posted(receivable, Direction.CREDIT, received));
		PostingOutcome outcome = post(
				Posting.of(event.eventId(), "payment_return", payment.requestId(), payment.id(), legs));
		if (conversion != null) {
			this.fx.record(outcome, payment.merchant(), payment.livemode(), payment.id(), quote.get(), conversion);
		}
		if (outcome instanceof PostingOutcome.Posted posted) {
			this.movements.record(movement("return", payment.id(), payment.psp(), received, payment.currency(), fee,
					quote, conversion, payment.livemode()), posted.transaction().seq());
		}
	}

	private void refund(RefundSucceeded event) {
		RefundSnapshot refund = event.refund();
		PaymentSnapshot payment = event.payment();
		String psp = (refund.psp() != null) ? refund.psp() : payment.psp();
		long amount = refund.amount();
		long after = Math.max(payment.amountRefunded(), amount);
		long feeBack = this.movements.find("capture", payment.id())
			.map(capture -> FeeSchedule.feeReturned(capture.platformFee(), capture.amount(), after - amount, after))
			.orElse(0L);
		Account receivable = this.accounts.open(AccountCodes.pspReceivable(psp), refund.currency(), payment.livemode());
		// a converted payment is refunded at its own rate, cumulatively like the fee, so
		// partial refunds add up exactly to what the merchant was credited
		Optional<FxQuote> quote = this.fx.originalQuote(payment.id());
		FxQuote.Conversion conversion = quote.map(terms -> terms.convertShare(after - amount, after)).orElse(null);
		String settlement = quote.map(FxQuote::to).orElse(refund.currency());
		long debited = (conversion != null) ? conversion.settled() : amount;
		Account payable = this.accounts.open(AccountCodes.merchantPayable(payment.merchant()), settlement,
				payment.livemode());
		Account platformFees = this.accounts.open(AccountCodes.PLATFORM_FEES, settlement, payment.livemode());
		List<Leg> legs = new ArrayList<>();
		// converted cent by cent, a small share's fee may exceed its amount by a unit
		addSigned(legs, payable, Direction.DEBIT, debited - feeBack);
		addIfPositive(legs, platformFees, Direction.DEBIT, feeBack);
		if (conversion != null) {
			legs.addAll(this.fx.legs(quote.get(), conversion, Direction.DEBIT, payment.livemode()));
		}
		legs.add(Leg.posted(receivable, Direction.CREDIT, amount));
		PostingOutcome outcome = post(Posting.of(event.eventId(), "refund", refund.requestId(), refund.id(), legs)
			.describedAs(invoiceOf(payment).map(invoice -> "Refund of invoice " + invoice).orElse(null)));
		if (conversion != null) {
			this.fx.record(outcome, payment.merchant(), payment.livemode(), payment.id(), quote.get(), conversion);
		}
		if (outcome instanceof PostingOutcome.Posted posted) {
			this.movements.record(movement("refund", refund.id(), psp, amount, refund.currency(), feeBack, quote,
					conversion, payment.livemode()), posted.transaction().seq());
		}
	}

	/**
	 * The movement the acquirer will report: {@code amount} in the payment's currency, as
	 * it moved the money; the platform fee with what the merchant's balance moved by, in
	 * the settlement currency, so that no amount of the row is in a currency it does not
	 * name.
	 */
	private static PspMovements.PspMovement movement(String type, String reference, String psp, long amount,
			String currency, long platformFee, Optional<FxQuote> quote, FxQuote.Conversion conversion,
			boolean livemode) {
		if (conversion == null) {
			return PspMovements.PspMovement.unconverted(type, reference, psp, amount, currency, platformFee, livemode);
		}
		return new PspMovements.PspMovement(type, reference, psp, amount, currency, platformFee,
				Math.abs(conversion.settled()), quote.get().to(), quote.get().rate(), livemode);
	}

	private static void addSigned(List<Leg> legs, Account account, Direction direction, long signed) {
		if (signed < 0) {
			legs.add(Leg.posted(account, direction.opposite(), -signed));
		}
		else {
			addIfPositive(legs, account, direction, signed);
		}
	}

	/**
	 * The subscription invoice the payment paid, as subscription-service names it in the
	 * payment's metadata; only an invoice id is taken from there, never anything else a
	 * merchant or user wrote (the ledger keeps no personal data).
	 */
	static Optional<String> invoiceOf(PaymentSnapshot payment) {
		String invoice = (payment.metadata() == null) ? null : payment.metadata().get("invoice");
		return (invoice != null && INVOICE_ID.matcher(invoice).matches()) ? Optional.of(invoice) : Optional.empty();
	}

	private static void addIfPositive(List<Leg> legs, Account account, Direction direction, long amount) {
		if (amount > 0) {
			legs.add(Leg.posted(account, direction, amount));
		}
	}

	/**
	 * Posts one event's transaction. A refusal here is a defect or a broken event:
	 * throwing rolls the consumer batch back, and the starter retries and then parks the
	 * record.
	 */
	private PostingOutcome post(Posting posting) {
		PostingOutcome outcome = this.writer.append(List.of(posting)).get(0);
		if (outcome instanceof PostingOutcome.Rejected rejected) {
			throw new IllegalStateException("Event " + posting.cause() + " cannot be posted: " + rejected.error().code()
					+ ": " + rejected.detail());
		}
		return outcome;
	}

}
