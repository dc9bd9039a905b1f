package io.emberpay.psp.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.emberpay.psp.Acquirer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What one acquirer actually did, counted once per effect: a replayed request adds to
 * {@code idempotentReplays} only, never to the charges. The same events also go to
 * Micrometer ({@code psp_simulator_events_total},
 * {@code psp_simulator_amount_minor_total}), where a reset of the simulator's state does
 * not rewind them.
 */
public final class AcquirerCounters {

	private final MeterRegistry meters;

	private final String psp;

	private final LongAdder authorizations = new LongAdder();

	private final LongAdder declines = new LongAdder();

	private final LongAdder captures = new LongAdder();

	private final LongAdder voids = new LongAdder();

	private final LongAdder refunds = new LongAdder();

	private final LongAdder idempotentReplays = new LongAdder();

	private final LongAdder refused = new LongAdder();

	private final LongAdder injectedErrors = new LongAdder();

	private final LongAdder injectedTimeouts = new LongAdder();

	private final LongAdder injectedResets = new LongAdder();

	private final Map<String, CurrencyTotals> totals = new ConcurrentHashMap<>();

	AcquirerCounters(Acquirer acquirer, MeterRegistry meters) {
		this.psp = acquirer.pathName();
		this.meters = meters;
	}

	public void authorized(String currency, long amountMinor) {
		this.authorizations.increment();
		meter("authorized", currency, amountMinor);
		totals(currency).authorized.add(amountMinor);
	}

	public void declined() {
		this.declines.increment();
		meter("declined");
	}

	public void captured(String currency, long amountMinor) {
		this.captures.increment();
		meter("captured", currency, amountMinor);
		totals(currency).captured.add(amountMinor);
	}

	public void voided() {
		this.voids.increment();
		meter("voided");
	}

	public void refunded(String currency, long amountMinor) {
		this.refunds.increment();
		meter("refunded", currency, amountMinor);
		totals(currency).refunded.add(amountMinor);
	}

	public void replayed() {
		this.idempotentReplays.increment();
		meter("replayed");
	}

	public void refused() {
		this.refused.increment();
		meter("refused");
	}

	public void injectedError() {
		this.injectedErrors.increment();
		meter("injected_error");
	}

	public void injectedTimeout() {
		this.injectedTimeouts.increment();
		meter("injected_timeout");
	}

	public void injectedReset() {
		this.injectedResets.increment();
		meter("injected_reset");
	}

	AcquirerStats snapshot() {
		Map<String, AmountTotals> amounts = new TreeMap<>();
		this.totals.forEach((currency, sums) -> amounts.put(currency,
				new AmountTotals(sums.authorized.sum(), sums.captured.sum(), sums.refunded.sum())));
		return new AcquirerStats(this.authorizations.sum(), this.declines.sum(), this.captures.sum(), this.voids.sum(),
				this.refunds.sum(), this.idempotentReplays.sum(), amounts, new FaultCounts(this.refused.sum(),
						this.injectedErrors.sum(), this.injectedTimeouts.sum(), this.injectedResets.sum()));
	}

	private void meter(String event) {
		this.meters.counter("psp.simulator.events", "psp", this.psp, "event", event).increment();
	}

	private void meter(String event, String currency, long amountMinor) {
		meter(event);
		this.meters.counter("psp.simulator.amount.minor", "psp", this.psp, "event", event, "currency", currency)
			.increment(amountMinor);
	}

	private CurrencyTotals totals(String currency) {
		return this.totals.computeIfAbsent(currency, (code) -> new CurrencyTotals());
	}

	private static final class CurrencyTotals {

		private final LongAdder authorized = new LongAdder();

		private final LongAdder captured = new LongAdder();

		private final LongAdder refunded = new LongAdder();

	}

	/**
	 * Per-acquirer figures: {@code authorizations} counts distinct successful charges
	 * (authorized, possibly captured at once); amounts are per currency in minor units.
	 */
	public record AcquirerStats(long authorizations, long declines, long captures, long voids, long refunds,
			long idempotentReplays, Map<String, AmountTotals> amounts, FaultCounts faults) {
	}

	public record AmountTotals(long authorized, long captured, long refunded) {
	}

	/** Requests answered by an injected fault instead of (or after) normal processing. */
	public record FaultCounts(long refused, long errors, long timeouts, long resets) {
	}

}
