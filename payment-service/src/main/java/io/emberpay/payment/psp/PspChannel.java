package io.emberpay.payment.psp;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;

/**
 * One acquirer behind its resilience guards, outermost first: retry (exponential backoff
 * with jitter, the SAME idempotency key on every attempt, because the call supplier
 * captures it), circuit breaker, bulkhead, time limiter. A timeout surfaces as
 * {@link PspOutcomeUnknownException}: the call may have reached the acquirer.
 */
public final class PspChannel {

	private final PspConnector connector;

	private final Retry retry;

	private final CircuitBreaker breaker;

	private final Bulkhead bulkhead;

	private final TimeLimiter timeLimiter;

	PspChannel(PspConnector connector, Retry retry, CircuitBreaker breaker, Bulkhead bulkhead,
			TimeLimiter timeLimiter) {
		this.connector = connector;
		this.retry = retry;
		this.breaker = breaker;
		this.bulkhead = bulkhead;
		this.timeLimiter = timeLimiter;
	}

	public String name() {
		return this.connector.name();
	}

	/** Whether the acquirer behind this channel can pay merchants out. */
	public boolean paysOut() {
		return this.connector.paysOut();
	}

	public CircuitBreaker breaker() {
		return this.breaker;
	}

	/**
	 * Runs one acquirer operation with every guard. Once any attempt may have reached the
	 * acquirer, a later attempt refused by the breaker or bulkhead, or not reaching it,
	 * no longer means "nothing happened": the whole call's outcome is then unknown, and
	 * routing must not send the payment to another acquirer.
	 */
	public <T> T call(Function<PspConnector, CompletableFuture<T>> operation) {
		AtomicBoolean mayHaveActed = new AtomicBoolean();
		Supplier<CompletableFuture<T>> attempt = () -> operation.apply(this.connector);
		Callable<T> guarded = () -> {
			try {
				return this.breaker.executeCallable(
						() -> this.bulkhead.executeCallable(() -> this.timeLimiter.executeFutureSupplier(attempt)));
			}
			catch (PspOutcomeUnknownException | TimeoutException ex) {
				mayHaveActed.set(true);
				throw ex;
			}
		};
		try {
			return this.retry.executeCallable(guarded);
		}
		catch (TimeoutException ex) {
			throw new PspOutcomeUnknownException(name() + " did not answer within the time limit", ex);
		}
		catch (CallNotPermittedException | BulkheadFullException | PspUnreachableException ex) {
			if (mayHaveActed.get()) {
				throw new PspOutcomeUnknownException(name() + " may have acted on an earlier attempt", ex);
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new PspOutcomeUnknownException(name() + " call failed", ex);
		}
	}

}
