package io.emberpay.auth.config;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Caps how many Argon2id computations run at once. Each one holds 19 MiB and a core for
 * tens of milliseconds; without a cap a burst of logins would pin every carrier thread
 * and starve the cheap, latency-critical calls (API key verification, refresh, JWKS).
 * Callers that wait longer than {@code queueTimeout} get a 503 with Retry-After.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	private final Duration queueTimeout;

	BoundedPasswordEncoder(PasswordEncoder delegate, int maxConcurrent, Duration queueTimeout) {
		this.delegate = delegate;
		this.permits = new Semaphore(maxConcurrent, true);
		this.queueTimeout = queueTimeout;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return bounded(() -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return bounded(() -> this.delegate.matches(rawPassword, encodedPassword));
	}

	private <T> T bounded(Supplier<T> hashing) {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			throw new ApiException(CommonError.SERVICE_UNAVAILABLE, "Too many logins at once; retry shortly", null,
					Duration.ofSeconds(1));
		}
		try {
			return hashing.get();
		}
		finally {
			this.permits.release();
		}
	}

}
