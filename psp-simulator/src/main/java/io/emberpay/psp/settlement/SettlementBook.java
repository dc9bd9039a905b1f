package io.emberpay.psp.settlement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.config.PspProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The money each acquirer moved, by UTC day: every capture and refund becomes one line
 * with its fee. Bounded in days ({@code retention-days}) and in lines per day
 * ({@code max-lines-per-day}; beyond it lines are dropped with a warning, so a report
 * from an overloaded day is incomplete rather than the process out of memory).
 */
@Component
public class SettlementBook {

	private static final Logger log = LoggerFactory.getLogger(SettlementBook.class);

	private static final Comparator<SettlementLine> REPORT_ORDER = Comparator.comparing(SettlementLine::settledAt)
		.thenComparing(SettlementLine::pspReference);

	private final Clock clock;

	private final FeeSchedule fees;

	private final PspProperties.Settlement settings;

	private final Map<Acquirer, Map<LocalDate, DayLines>> days = new EnumMap<>(Acquirer.class);

	public SettlementBook(Clock clock, FeeSchedule fees, PspProperties properties) {
		this.clock = clock;
		this.fees = fees;
		this.settings = properties.settlement();
		for (Acquirer acquirer : Acquirer.values()) {
			this.days.put(acquirer, new ConcurrentHashMap<>());
		}
	}

	public void recordCapture(Acquirer acquirer, String authorizationId, String reference, long amountMinor,
			String currency, Instant capturedAt) {
		record(acquirer, new SettlementLine(authorizationId, SettlementLine.Type.CAPTURE, reference, amountMinor,
				currency, this.fees.captureFeeMinor(amountMinor), capturedAt));
	}

	public void recordRefund(Acquirer acquirer, String refundId, String reference, long amountMinor, String currency,
			Instant refundedAt) {
		record(acquirer, new SettlementLine(refundId, SettlementLine.Type.REFUND, reference, amountMinor, currency,
				this.fees.refundFeeMinor(), refundedAt));
	}

	/**
	 * A settled bank debit the bank returned: the captured amount goes back; no fee (the
	 * capture's is not returned).
	 */
	public void recordReturn(Acquirer acquirer, String authorizationId, String reference, long amountMinor,
			String currency, Instant returnedAt) {
		record(acquirer, new SettlementLine(authorizationId, SettlementLine.Type.RETURN, reference, amountMinor,
				currency, 0, returnedAt));
	}

	/**
	 * A payout paid to a merchant's bank account out of what the acquirer owed; no fee.
	 */
	public void recordPayout(Acquirer acquirer, String payoutId, String reference, long amountMinor, String currency,
			Instant paidAt) {
		record(acquirer,
				new SettlementLine(payoutId, SettlementLine.Type.PAYOUT, reference, amountMinor, currency, 0, paidAt));
	}

	/**
	 * A cardholder's dispute: the acquirer took the disputed amount back from what it
	 * owed; listed under the disputed payment's reference, the one id the platform and
	 * the acquirer share. No fee: the platform charges the merchant its own.
	 */
	public void recordDispute(Acquirer acquirer, String disputeId, String paymentReference, long amountMinor,
			String currency, Instant openedAt) {
		record(acquirer, new SettlementLine(disputeId, SettlementLine.Type.DISPUTE, paymentReference, amountMinor,
				currency, 0, openedAt));
	}

	/** The lines of one UTC day, in the order the money moved. */
	public List<SettlementLine> linesOf(Acquirer acquirer, LocalDate day) {
		DayLines lines = this.days.get(acquirer).get(day);
		return (lines == null) ? List.of() : lines.lines.stream().sorted(REPORT_ORDER).toList();
	}

	public void clear() {
		this.days.values().forEach(Map::clear);
	}

	private void record(Acquirer acquirer, SettlementLine line) {
		LocalDate day = line.settledAt().atZone(ZoneOffset.UTC).toLocalDate();
		Map<LocalDate, DayLines> byDay = this.days.get(acquirer);
		DayLines lines = byDay.get(day);
		if (lines == null) {
			// A new day starts: the cheap moment to let the oldest day go.
			LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
			byDay.keySet().removeIf((kept) -> kept.isBefore(today.minusDays(this.settings.retentionDays())));
			lines = byDay.computeIfAbsent(day, (d) -> new DayLines());
		}
		int count = lines.count.incrementAndGet();
		if (count > this.settings.maxLinesPerDay()) {
			if (count == this.settings.maxLinesPerDay() + 1) {
				log.warn("Settlement report of {} for {} is full at {} lines; further lines are dropped", acquirer, day,
						this.settings.maxLinesPerDay());
			}
			return;
		}
		lines.lines.add(line);
	}

	private static final class DayLines {

		private final Queue<SettlementLine> lines = new ConcurrentLinkedQueue<>();

		private final AtomicInteger count = new AtomicInteger();

	}

}
