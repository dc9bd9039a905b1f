package io.emberpay.starter.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A thread that publishes committed events in batches: at once when a commit in this
 * process wakes it, otherwise every {@code idlePoll} (for commits of other replicas). A
 * failed batch is logged and tried again a second later, so an outage of Kafka or the
 * database delays events and loses none.
 */
public abstract class PublishingWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PublishingWorker.class);

	private final String name;

	private final Duration idlePoll;

	private final boolean autoStartup;

	private final Semaphore wakeups = new Semaphore(0);

	private volatile boolean running;

	private Thread worker;

	protected PublishingWorker(String name, Duration idlePoll, boolean autoStartup) {
		this.name = name;
		this.idlePoll = idlePoll;
		this.autoStartup = autoStartup;
	}

	/** Publishes the next batch, if any; answers how many events it published. */
	public abstract int publishBatch();

	/** Called after a commit that has something to publish. */
	public void wake() {
		if (this.wakeups.availablePermits() == 0) {
			this.wakeups.release();
		}
	}

	private void loop() {
		while (this.running) {
			try {
				if (publishBatch() == 0) {
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
					log.warn("{} failed, retrying: {}", this.name, ex.getMessage());
					pause();
				}
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(1000);
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
		this.running = true;
		this.worker = Thread.ofPlatform().name(this.name).daemon(true).start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
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
