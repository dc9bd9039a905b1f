package io.emberpay.payment.psp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
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

	public PspConnector connector() {
		return this.connector;
	}

	public CircuitBreaker breaker() {
		return this.breaker;
	}

	/**
	 * Runs one acquirer operation with every guard; checked exceptions are translated.
	 */
	public <T> T call(java.util.function.Function<PspConnector, CompletableFuture<T>> operation) {
		Supplier<CompletableFuture<T>> attempt = () -> operation.apply(this.connector);
		try {
			return this.retry.executeCallable(() -> this.breaker.executeCallable(
					() -> this.bulkhead.executeCallable(() -> this.timeLimiter.executeFutureSupplier(attempt))));
		}
		catch (TimeoutException ex) {
			throw new PspOutcomeUnknownException(name() + " did not answer within the time limit", ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new PspOutcomeUnknownException(name() + " call failed", ex);
		}
	}

}
