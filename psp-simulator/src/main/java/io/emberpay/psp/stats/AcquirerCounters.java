package io.emberpay.psp.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one acquirer actually did, counted once per effect: a replayed request adds to
 * {@code idempotentReplays} only, never to the charges.
 */
public final class AcquirerCounters {

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

	public void authorized(String currency, long amountMinor) {
		this.authorizations.increment();
		totals(currency).authorized.add(amountMinor);
	}

	public void declined() {
		this.declines.increment();
	}

	public void captured(String currency, long amountMinor) {
		this.captures.increment();
		totals(currency).captured.add(amountMinor);
	}

	public void voided() {
		this.voids.increment();
	}

	public void refunded(String currency, long amountMinor) {
		this.refunds.increment();
		totals(currency).refunded.add(amountMinor);
	}

	public void replayed() {
		this.idempotentReplays.increment();
	}

	public void refused() {
		this.refused.increment();
	}

	public void injectedError() {
		this.injectedErrors.increment();
	}

	public void injectedTimeout() {
		this.injectedTimeouts.increment();
	}

	public void injectedReset() {
		this.injectedResets.increment();
	}

	AcquirerStats snapshot() {
		Map<String, AmountTotals> amounts = new TreeMap<>();
		this.totals.forEach((currency, sums) -> amounts.put(currency,
				new AmountTotals(sums.authorized.sum(), sums.captured.sum(), sums.refunded.sum())));
		return new AcquirerStats(this.authorizations.sum(), this.declines.sum(), this.captures.sum(), this.voids.sum(),
				this.refunds.sum(), this.idempotentReplays.sum(), amounts, new FaultCounts(this.refused.sum(),
						this.injectedErrors.sum(), this.injectedTimeouts.sum(), this.injectedResets.sum()));
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
