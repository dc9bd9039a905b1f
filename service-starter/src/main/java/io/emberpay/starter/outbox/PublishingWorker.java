package io.emberpay.starter.outbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.emberpay.starter.recovery.RecoveryProperties;
import io.emberpay.starter.recovery.WorkerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A thread that publishes committed events in batches: at once when a commit in this
 * process wakes it, otherwise every {@code idlePoll} (for commits of other replicas). A
 * failed batch is logged and tried again after a backoff that doubles while the failure
 * lasts ({@code emberpay.recovery}, the consumers' policy), so an outage of Kafka or the
 * database delays events and loses none. Nothing is ever skipped: a batch that cannot be
 * sent is retried, never parked, because skipping one would break the order of its
 * aggregate's events. Its state is the {@code emberpay.publisher.state} gauge.
 */
public abstract class PublishingWorker implements SmartLifecycle, MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(PublishingWorker.class);

	private final String name;

	private final Duration idlePoll;

	private final boolean autoStartup;

	private final WorkerStatus status;

	private final Semaphore wakeups = new Semaphore(0);

	private volatile boolean running;

	private volatile CountDownLatch stopping = new CountDownLatch(1);

	private Thread worker;

	protected PublishingWorker(String name, Duration idlePoll, boolean autoStartup, RecoveryProperties recovery) {
		this.name = name;
		this.idlePoll = idlePoll;
		this.autoStartup = autoStartup;
		this.status = new WorkerStatus(name, recovery);
	}

	/** Publishes the next batch, if any; answers how many events it published. */
	public abstract int publishBatch();

	/** Called after a commit that has something to publish. */
	public void wake() {
		if (this.wakeups.availablePermits() == 0) {
			this.wakeups.release();
		}
	}

	/** Running, retrying after an outage, failing for too long, or stopped. */
	public WorkerStatus status() {
		return this.status;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.status.bindTo(registry, "emberpay.publisher", "publisher");
	}

	private void loop() {
		try {
			while (this.running) {
				try {
					int published = publishBatch();
					this.status.progressed();
					if (published == 0) {
						this.wakeups.tryAcquire(this.idlePoll.toMillis(), TimeUnit.MILLISECONDS);
						this.wakeups.drainPermits();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (RuntimeException ex) {
					if (this.running) {
						Duration backoff = this.status.failed(ex);
						log.warn("{} failed, retrying in {}: {}", this.name, backoff, ex.getMessage());
						pause(backoff);
					}
				}
			}
		}
		finally {
			this.status.stopped();
			if (this.running) {
				log.error("{} stopped while the service runs: committed events wait until it restarts", this.name);
			}
		}
	}

	/**
	 * Waits out the backoff; commits waking the worker do not cut it short, stop() does.
	 */
	private void pause(Duration backoff) {
		try {
			this.stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public void start() {
		this.stopping = new CountDownLatch(1);
		this.status.started();
		this.running = true;
		this.worker = Thread.ofPlatform().name(this.name).daemon(true).start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		this.stopping.countDown();
		wake();
		if (this.worker != null) {
			try {
				this.worker.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
