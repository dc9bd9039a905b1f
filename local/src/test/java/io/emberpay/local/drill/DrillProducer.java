package io.emberpay.local.drill;

import java.time.Clock;

import io.emberpay.events.Topics;
import io.emberpay.starter.outbox.OutboxWriter;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes events {@code 0 .. events-1} through the outbox in small transactions, each of
 * which also moves the progress row: a SIGKILL loses at most an uncommitted batch, which
 * the next start writes again under the same event ids.
 */
class DrillProducer implements SmartLifecycle {

	private static final int BATCH = 50;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final OutboxWriter outbox;

	private final long events;

	private final long pauseNanosPerBatch;

	private final Clock clock;

	private volatile boolean running;

	DrillProducer(JdbcClient jdbc, TransactionTemplate transactions, OutboxWriter outbox, long events,
			int eventsPerSecond, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.events = events;
		this.pauseNanosPerBatch = 1_000_000_000L * BATCH / eventsPerSecond;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.running = true;
		Thread.ofPlatform().name("drill-producer").daemon().start(this::produce);
	}

	private void produce() {
		long next = System.nanoTime();
		while (this.running && Boolean.TRUE.equals(this.transactions.execute((status) -> writeBatch()))) {
			next += this.pauseNanosPerBatch;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				try {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * @return whether events remain to be written
	 */
	private boolean writeBatch() {
		long from = this.jdbc.sql("select next_seq from drill_progress where id = 1 for update")
			.query(Long.class)
			.single();
		if (from >= this.events) {
			return false;
		}
		long to = Math.min(this.events, from + BATCH);
		for (long seq = from; seq < to; seq++) {
			this.outbox.append(Topics.PAYMENTS, DrillService.event(seq, this.clock.instant()));
		}
		this.jdbc.sql("update drill_progress set next_seq = ? where id = 1").param(to).update();
		return true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
