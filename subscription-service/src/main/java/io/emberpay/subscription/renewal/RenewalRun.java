package io.emberpay.subscription.renewal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.emberpay.events.ResourceIds;
import io.emberpay.subscription.billing.Invoice;
import io.emberpay.subscription.billing.InvoiceLine;
import io.emberpay.subscription.billing.InvoiceStatus;
import io.emberpay.subscription.billing.InvoiceStore;
import io.emberpay.subscription.catalogue.Catalogue;
import io.emberpay.subscription.catalogue.Price;
import io.emberpay.subscription.entitlement.Entitlements;
import io.emberpay.subscription.subscription.Subscription;
import io.emberpay.subscription.subscription.SubscriptionStatus;
import io.emberpay.subscription.subscription.SubscriptionStore;
import io.emberpay.subscription.subscription.SubscriptionEnding;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The renewal run, on every replica at once: rolls subscriptions whose period ended onto
 * the next one with its invoice (or ends those canceled at period end), charges the
 * invoices that are due, and revokes entitlements whose grace ran out. Safe to run twice
 * and concurrently: rows are taken with {@code FOR UPDATE SKIP LOCKED}, a period is
 * invoiced once (unique index), and each claimed invoice is leased to one runner.
 */
@Component
public class RenewalRun implements DisposableBean {

	/**
	 * Bounds one run, so a backlog is worked off over several runs, not one endless one.
	 */
	private static final int MAX_BATCHES = 1000;

	private final SubscriptionStore subscriptions;

	private final SubscriptionEnding lifecycle;

	private final Catalogue catalogue;

	private final InvoiceStore invoices;

	private final InvoiceCollector collector;

	private final Entitlements entitlements;

	private final TransactionTemplate transactions;

	private final RenewalProperties properties;

	private final RenewalMetrics metrics;

	private final Clock clock;

	private final ExecutorService charging;

	RenewalRun(SubscriptionStore subscriptions, SubscriptionEnding lifecycle, Catalogue catalogue,
			InvoiceStore invoices, InvoiceCollector collector, Entitlements entitlements,
			TransactionTemplate transactions, RenewalProperties properties, RenewalMetrics metrics, Clock clock) {
		this.subscriptions = subscriptions;
		this.lifecycle = lifecycle;
		this.catalogue = catalogue;
		this.invoices = invoices;
		this.collector = collector;
		this.entitlements = entitlements;
		this.transactions = transactions;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
		this.charging = Executors.newFixedThreadPool(properties.concurrency(),
				Thread.ofVirtual().name("renewal-charge-", 0).factory());
	}

	@Scheduled(fixedDelayString = "${emberpay.subscription.renewal.interval}",
			initialDelayString = "${emberpay.subscription.renewal.interval}")
	void scheduled() {
		runOnce();
	}

	/** One pass over everything due now; answers what it did. */
	public Summary runOnce() {
		return this.metrics.runs().record(this::run);
	}

	/**
	 * One pass over what is due on {@code testClock} at {@code at}, that clock's time (a
	 * test clock's advance runs one such pass for each instant something fell due on the
	 * way). Work on no test clock is left to {@link #runOnce()}.
	 */
	public Summary runOnTestClock(String testClock, Instant at) {
		return work(testClock, () -> at);
	}

	private Summary run() {
		Summary summary = work(null, this.clock::instant);
		this.metrics.due(this.invoices.countDue(this.clock.instant()));
		return summary;
	}

	private Summary work(String testClock, Supplier<Instant> now) {
		int rolled = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			Integer done = this.transactions.execute(status -> rollOver(testClock, now.get()));
			rolled += done;
			if (done < this.properties.batchSize()) {
				break;
			}
		}
		int collected = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			List<Invoice> claimed = this.invoices.claimDue(testClock, now.get(), this.clock.instant(),
					this.properties.claimLease(), this.properties.batchSize());
			if (claimed.isEmpty()) {
				break;
			}
			collectAll(claimed, now);
			collected += claimed.size();
		}
		int revoked = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			Integer done = this.transactions
				.execute(status -> this.entitlements.revokeExpired(testClock, now.get(), this.properties.batchSize()));
			revoked += done;
			if (done < this.properties.batchSize()) {
				break;
			}
		}
		return new Summary(rolled, collected, revoked);
	}

	private int rollOver(String testClock, Instant now) {
		List<Subscription> ended = this.subscriptions.lockEnded(testClock, now, this.properties.batchSize());
		for (Subscription subscription : ended) {
			if (subscription.cancelAtPeriodEnd()) {
				this.lifecycle.end(subscription, SubscriptionStatus.CANCELED, now);
			}
			else {
				startNextPeriod(subscription, now);
			}
		}
		return ended.size();
	}

	/**
	 * Period n+1 counted from the anchor, and its invoice due now, less any credit from a
	 * downgrade.
	 */
	private void startNextPeriod(Subscription subscription, Instant now) {
		Price price = this.catalogue.findPrice(subscription.price()).orElseThrow();
		int next = subscription.periodsElapsed() + 1;
		Instant start = price.interval().periodStart(subscription.billingAnchor(), price.intervalCount(), next);
		Instant end = price.interval().periodStart(subscription.billingAnchor(), price.intervalCount(), next + 1);
		long applied = Math.min(subscription.creditBalance(), price.unitAmount());
		List<InvoiceLine> lines = new ArrayList<>();
		lines.add(new InvoiceLine("1 × " + price.tier() + " (" + price.interval().wire() + ")", price.unitAmount(),
				price.id(), start, end));
		if (applied > 0) {
			lines.add(new InvoiceLine("Credit from an earlier plan change", -applied, null, start, end));
		}
		this.invoices.insert(
				new Invoice(ResourceIds.next("in"), subscription.id(), subscription.merchant(), subscription.customer(),
						price.unitAmount() - applied, price.currency(), InvoiceStatus.OPEN, Invoice.REASON_CYCLE, start,
						end, lines, 0, now, null, null, subscription.livemode(), now, null, subscription.testClock()));
		this.subscriptions.update(subscription.nextPeriod(start, end, subscription.creditBalance() - applied));
	}

	private void collectAll(List<Invoice> claimed, Supplier<Instant> now) {
		List<Future<?>> charges = new ArrayList<>(claimed.size());
		for (Invoice invoice : claimed) {
			charges.add(this.charging.submit(() -> this.collector.collect(invoice, now.get())));
		}
		for (Future<?> charge : charges) {
			try {
				charge.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				// the collector records or releases every invoice itself; the lease
				// covers the rest
			}
		}
	}

	@Override
	public void destroy() {
		this.charging.shutdownNow();
	}

	/** What one run did: periods rolled over, invoices charged, entitlements revoked. */
	public record Summary(int rolled, int collected, int revoked) {
	}

}
