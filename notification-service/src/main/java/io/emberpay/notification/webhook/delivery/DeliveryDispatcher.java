package io.emberpay.notification.webhook.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.emberpay.notification.config.WebhookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This replica's delivery loop: claims due deliveries while it has free send slots and
 * runs each attempt on its own virtual thread. It sleeps for the poll interval, or less
 * when new deliveries were stored or an attempt finished.
 */
@Component
public class DeliveryDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

	private final DeliveryStore store;

	private final WebhookDeliverer deliverer;

	private final Clock clock;

	private final WebhookProperties properties;

	private final Semaphore sendSlots;

	private final Wakeup wakeup = new Wakeup();

	private volatile boolean running;

	private ExecutorService senders;

	private Thread loop;

	DeliveryDispatcher(DeliveryStore store, WebhookDeliverer deliverer, Clock clock, WebhookProperties properties) {
		this.store = store;
		this.deliverer = deliverer;
		this.clock = clock;
		this.properties = properties;
		this.sendSlots = new Semaphore(properties.maxInFlight());
	}

	/** Asks the loop to look for due deliveries now (after new ones were committed). */
	public void wake() {
		this.wakeup.signal();
	}

	private void run() {
		while (this.running) {
			try {
				int claimed = dispatchDue();
				if (claimed == 0 || this.sendSlots.availablePermits() == 0) {
					this.wakeup.await(this.properties.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("Webhook dispatch round failed; retrying after the poll interval", ex);
				sleepQuietly(this.properties.pollInterval());
			}
		}
	}

	private int dispatchDue() {
		int free = Math.min(this.sendSlots.availablePermits(), this.properties.claimBatch());
		if (free == 0) {
			return 0;
		}
		List<ClaimedDelivery> claimed = this.store.claim(this.clock.instant(), free);
		for (ClaimedDelivery delivery : claimed) {
			this.sendSlots.acquireUninterruptibly();
			this.senders.execute(() -> {
				try {
					this.deliverer.deliver(delivery);
				}
				catch (RuntimeException ex) {
					// the lease expires and another round retries it
					log.error("Recording webhook delivery {} failed", delivery.id(), ex);
				}
				finally {
					this.sendSlots.release();
					this.wakeup.signal();
				}
			});
		}
		return claimed.size();
	}

	private void sleepQuietly(Duration duration) {
		try {
			this.wakeup.await(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-send-", 0).factory());
		this.loop = Thread.ofPlatform().name("webhook-dispatcher").daemon(true).start(this::run);
	}

	@Override
	public void stop() {
		this.running = false;
		this.wakeup.signal();
		try {
			this.loop.join(5_000);
			this.senders.shutdown();
			if (!this.senders.awaitTermination(this.properties.requestTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
				this.senders.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
