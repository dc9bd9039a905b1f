package io.emberpay.ledger.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.ledger.LedgerEvent;
import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.AccountCodes;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.payment.PspMovements;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.LedgerWriter;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Posting;
import io.emberpay.ledger.posting.PostingOutcome;
import io.emberpay.starter.outbox.OutboxWriter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches a settlement file against the captures and refunds the ledger learnt from
 * payment events, and the payouts and dispute debits it posted when it learnt of them (a
 * matching payout or dispute line moves nothing more and counts as settled on every
 * import). A matching line posts the settlement: the PSP paid {@code amount - fee} into
 * {@code platform_cash}, kept {@code fee} ({@code psp_fees}), and no longer owes
 * {@code amount} ({@code psp_receivable}); a refund line, or the return of a settled bank
 * debit (matched to the ledger's reversal of that payment), the reverse. Anything else is
 * a reconciliation exception, stored and announced once. Importing a file again changes
 * nothing: each line's posting cause and exception are unique.
 */
@Component
public class SettlementImporter {

	private final LedgerWriter writer;

	private final LedgerAccounts accounts;

	private final PspMovements movements;

	private final OutboxWriter outbox;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public SettlementImporter(LedgerWriter writer, LedgerAccounts accounts, PspMovements movements, OutboxWriter outbox,
			JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.writer = writer;
		this.accounts = accounts;
		this.movements = movements;
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	public ReconciliationReport importLines(String psp, LocalDate date, List<SettlementLine> lines, String actor) {
		return this.transactions.execute(status -> {
			List<Posting> settlements = new ArrayList<>();
			List<ReconciliationReport.ExceptionView> exceptions = new ArrayList<>();
			int payoutsMatched = 0;
			for (SettlementLine line : lines) {
				Optional<PspMovements.PspMovement> known = this.movements.find(line.type(), line.reference());
				String problem = problem(psp, line, known);
				if (problem == null && (line.type().equals("payout") || line.type().equals("dispute"))) {
					// the payout's or dispute's own posting already moved psp_receivable:
					// a matching line confirms it and moves nothing
					payoutsMatched++;
				}
				else if (problem == null) {
					settlements.add(settlement(psp, line, actor, known.get().livemode()));
				}
				else {
					exception(psp, date, line, problem, known.map(PspMovements.PspMovement::amount).orElse(null))
						.ifPresent(exceptions::add);
				}
			}
			List<PostingOutcome> outcomes = settlements.isEmpty() ? List.of() : this.writer.append(settlements);
			int settled = payoutsMatched
					+ (int) outcomes.stream().filter(PostingOutcome.Posted.class::isInstance).count();
			int already = (int) outcomes.stream().filter(PostingOutcome.Duplicate.class::isInstance).count();
			outcomes.stream().filter(PostingOutcome.Rejected.class::isInstance).findFirst().ifPresent(rejected -> {
				throw new IllegalStateException("settlement posting refused: " + rejected);
			});
			return new ReconciliationReport("reconciliation", psp, date, lines.size(), settled, already,
					List.copyOf(exceptions));
		});
	}

	private static String problem(String psp, SettlementLine line, Optional<PspMovements.PspMovement> known) {
		if (known.isEmpty()) {
			return "unmatched";
		}
		PspMovements.PspMovement movement = known.get();
		if (!movement.psp().equals(psp)) {
			return "psp_mismatch";
		}
		if (!movement.currency().equals(line.currency())) {
			return "currency_mismatch";
		}
		if (movement.amount() != line.amount()) {
			return "amount_mismatch";
		}
		return null;
	}

	/**
	 * Settles a matched line within the mode of the movement it matched: a test payment's
	 * receivable is cleared by the test account's settlement, never from live cash.
	 */
	private Posting settlement(String psp, SettlementLine line, String actor, boolean livemode) {
		Account receivable = this.accounts.open(AccountCodes.pspReceivable(psp), line.currency(), livemode);
		Account cash = this.accounts.open(AccountCodes.PLATFORM_CASH, line.currency(), livemode);
		Account pspFees = this.accounts.open(AccountCodes.PSP_FEES, line.currency(), livemode);
		boolean capture = line.type().equals("capture");
		List<Leg> legs = new ArrayList<>();
		legs.add(Leg.posted(receivable, capture ? Direction.CREDIT : Direction.DEBIT, line.amount()));
		if (line.fee() > 0) {
			legs.add(Leg.posted(pspFees, Direction.DEBIT, line.fee()));
		}
		// cash moves by the amount net of the PSP's fee: in for a capture, out for a
		// refund or a returned debit
		long cashIn = capture ? line.amount() - line.fee() : -(line.amount() + line.fee());
		if (cashIn != 0) {
			legs.add(Leg.posted(cash, (cashIn > 0) ? Direction.DEBIT : Direction.CREDIT, Math.abs(cashIn)));
		}
		String cause = "settlement:" + psp + ":" + line.type() + ":" + line.pspReference();
		return new Posting(cause, "settlement", null, line.reference(), null, null, actor,
				"PSP settlement " + line.pspReference(), null, legs);
	}

	private Optional<ReconciliationReport.ExceptionView> exception(String psp, LocalDate date, SettlementLine line,
			String problem, Long expected) {
		var view = ReconciliationReport.ExceptionView.raised(ResourceIds.next("rex"), psp, date, line.pspReference(),
				line.type(), line.reference(), problem, expected, line.amount(), line.currency());
		int inserted = this.jdbc.sql("""
				insert into reconciliation_exception (id, psp, settlement_date, psp_reference, type, reference,
				    problem, expected_amount, reported_amount, currency)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (psp, type, psp_reference) do nothing""")
			.params(view.id(), psp, date, line.pspReference(), line.type(), line.reference(), problem, expected,
					line.amount(), line.currency())
			.update();
		if (inserted == 0) {
			return Optional.empty();
		}
		this.outbox.append(Topics.LEDGER,
				new LedgerEvent.ReconciliationException(ResourceIds.event(), this.clock.instant(), view.id(), psp,
						line.pspReference(), problem, (expected == null) ? 0 : expected, line.amount(),
						line.currency()));
		return Optional.of(view);
	}

}
