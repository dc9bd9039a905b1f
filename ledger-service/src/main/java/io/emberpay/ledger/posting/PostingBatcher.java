package io.emberpay.ledger.posting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.emberpay.ledger.LedgerError;
import io.emberpay.starter.problem.ApiException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for postings that arrive over HTTP: one writer thread takes whatever
 * requests are waiting (up to a batch), appends them in one database transaction, and
 * answers each caller only after that commit. Under load, batches grow by themselves;
 * alone, a request waits for nothing but its own commit.
 */
@Component
public class PostingBatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PostingBatcher.class);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final LedgerWriter writer;

	private final TransactionTemplate transactions;

	private final PostingBatchProperties properties;

	private final BlockingQueue<Request> queue;

	private final DistributionSummary batchSizes;

	private final Timer commits;

	private volatile boolean running;

	private Thread worker;

	public PostingBatcher(LedgerWriter writer, TransactionTemplate transactions, PostingBatchProperties properties,
			MeterRegistry meters) {
		this.writer = writer;
		this.transactions = transactions;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.batchSizes = DistributionSummary.builder("emberpay.ledger.batch.size")
			.description("Postings per group-commit database transaction")
			.register(meters);
		this.commits = Timer.builder("emberpay.ledger.batch.commit")
			.description("Group-commit database transactions, from taking the chain lock to the commit")
			.register(meters);
	}

	/**
	 * Posts and waits for the commit. A 503 means the outcome is unknown to the caller;
	 * retrying with the same cause is always safe.
	 */
	public PostingOutcome post(Posting posting) {
		Request request = new Request(posting, new CompletableFuture<>());
		if (!this.running || !this.queue.offer(request)) {
			throw busy("The ledger is not accepting postings right now");
		}
		try {
			return request.result().get(this.properties.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw busy("The posting did not commit in time; retry with the same Idempotency-Key");
		}
		catch (ExecutionException ex) {
			throw busy("The posting could not be committed; retry with the same Idempotency-Key");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy("Interrupted while waiting for the commit");
		}
	}

	private static ApiException busy(String detail) {
		return new ApiException(LedgerError.LEDGER_BUSY, detail, null, RETRY_AFTER);
	}

	private void loop() {
		List<Request> batch = new ArrayList<>(this.properties.maxBatch());
		int previous = 0;
		while (this.running) {
			try {
				Request first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					previous = 0;
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.properties.maxBatch() - 1);
				gather(batch, previous);
				previous = batch.size();
				this.batchSizes.record(batch.size());
				commit(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				batch.clear();
			}
		}
	}

	/**
	 * Under load, the callers answered by the previous commit are still handing in their
	 * next postings when the writer comes back for more: rather than commit a few now and
	 * the rest a moment later (paying a commit's fixed cost twice), waits at most
	 * {@code linger} for as many as the previous batch held. A posting that arrives alone
	 * waits for nothing, as the previous batch was no larger.
	 */
	private void gather(List<Request> batch, int previous) throws InterruptedException {
		int wanted = Math.min(previous, this.properties.maxBatch());
		long deadline = System.nanoTime() + this.properties.linger().toNanos();
		while (batch.size() < wanted) {
			long remaining = deadline - System.nanoTime();
			Request next = (remaining > 0) ? this.queue.poll(remaining, TimeUnit.NANOSECONDS) : null;
			if (next == null) {
				return;
			}
			batch.add(next);
			this.queue.drainTo(batch, this.properties.maxBatch() - batch.size());
		}
	}

	private void commit(List<Request> batch) {
		try {
			List<Posting> postings = batch.stream().map(Request::posting).toList();
			List<PostingOutcome> outcomes = this.commits
				.record(() -> this.transactions.execute(status -> this.writer.append(postings)));
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).result().complete(outcomes.get(i));
			}
		}
		catch (RuntimeException ex) {
			if (batch.size() > 1) {
				log.warn("Batch of {} postings failed ({}); committing them one by one", batch.size(), ex.toString());
				batch.forEach(request -> commit(List.of(request)));
			}
			else {
				log.error("Posting {} failed", batch.get(0).posting().cause(), ex);
				batch.get(0).result().completeExceptionally(ex);
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.worker = Thread.ofPlatform().name("ledger-posting-batcher").daemon(true).start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.worker != null) {
			try {
				this.worker.join(Duration.ofSeconds(15));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		List<Request> abandoned = new ArrayList<>();
		this.queue.drainTo(abandoned);
		abandoned.forEach(request -> request.result().completeExceptionally(busy("The ledger is stopping")));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops after the web server has finished its requests, starts before it. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private record Request(Posting posting, CompletableFuture<PostingOutcome> result) {
	}

}
