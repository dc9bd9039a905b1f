package io.emberpay.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.emberpay.gateway.config.EdgeProperties;
import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.GatewayProblem;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.http.HttpHeaders;

/**
 * One family of token buckets (per IP, per principal, ...) kept in memory. A bucket idle
 * for a whole period is full again, so it is dropped then; the number of tracked clients
 * is bounded so a flood of new addresses cannot exhaust memory.
 *
 * <p>
 * Limits are per gateway replica: with N replicas a client gets at most N times the
 * configured rate, which the limits are sized for.
 */
final class RateLimiter {

	private final String name;

	private final EdgeProperties.Limit limit;

	private final Cache<String, Bucket> buckets;

	RateLimiter(String name, EdgeProperties.Limit limit, long maxTrackedClients) {
		this.name = name;
		this.limit = limit;
		this.buckets = Caffeine.newBuilder().maximumSize(maxTrackedClients).expireAfterAccess(limit.period()).build();
	}

	/**
	 * Takes one token for {@code client}: the outcome, or a 429 problem when none is
	 * left.
	 */
	Outcome consume(String client) {
		Bucket bucket = this.buckets.get(client, key -> newBucket());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		Outcome outcome = new Outcome(this.limit, probe.getRemainingTokens(),
				Duration.ofNanos(Math.max(probe.getNanosToWaitForReset(), probe.getNanosToWaitForRefill())));
		if (!probe.isConsumed()) {
			Duration retryAfter = Duration.ofNanos(probe.getNanosToWaitForRefill());
			throw new GatewayProblem(GatewayError.RATE_LIMITED,
					"Too many requests (" + this.name + " limit); retry after the time in Retry-After", retryAfter,
					outcome.headers());
		}
		return outcome;
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limit.capacity())
				.refillGreedy(this.limit.capacity(), this.limit.period())
				.build())
			.build();
	}

	/** What is left of one bucket, as the IETF RateLimit headers say it. */
	record Outcome(EdgeProperties.Limit limit, long remaining, Duration untilFull) {

		HttpHeaders headers() {
			HttpHeaders headers = new HttpHeaders();
			headers.set("RateLimit-Limit", Long.toString(this.limit.capacity()));
			headers.set("RateLimit-Remaining", Long.toString(Math.max(0, this.remaining)));
			headers.set("RateLimit-Reset", Long.toString(ceilSeconds(this.untilFull)));
			headers.set("RateLimit-Policy", this.limit.capacity() + ";w=" + ceilSeconds(this.limit.period()));
			return headers;
		}

		/** The outcome closest to its limit, whose headers the client should see. */
		static Outcome tightest(List<Outcome> outcomes) {
			Outcome tightest = outcomes.get(0);
			for (Outcome outcome : outcomes) {
				if (outcome.remaining() * tightest.limit().capacity() < tightest.remaining()
						* outcome.limit().capacity()) {
					tightest = outcome;
				}
			}
			return tightest;
		}

		private static long ceilSeconds(Duration duration) {
			return Math.max(0, duration.getSeconds() + ((duration.getNano() > 0) ? 1 : 0));
		}

	}

}
