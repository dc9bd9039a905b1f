package io.emberpay.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits the edge enforces before a request reaches a service.
 *
 * @param maxBodyBytes largest request body accepted
 * @param trustedProxyHops how many proxies in front of the gateway append to
 * {@code X-Forwarded-For}; 0 means the socket address is the client
 * @param admission how many requests each route has under way at once before the edge
 * refuses more
 */
@ConfigurationProperties("emberpay.gateway")
public record EdgeProperties(long maxBodyBytes, int trustedProxyHops, Cors cors, CircuitBreaker circuitBreaker,
		RateLimits rateLimits, Admission admission) {

	public EdgeProperties {
		if (maxBodyBytes <= 0 || trustedProxyHops < 0) {
			throw new IllegalArgumentException(
					"emberpay.gateway.max-body-bytes must be positive, trusted-proxy-hops >= 0");
		}
	}

	/**
	 * Concurrency limits per route: {@code maxInFlight} by route id,
	 * {@code defaultMaxInFlight} for the others; a refused request is told to come back
	 * after {@code retryAfter}.
	 */
	public record Admission(int defaultMaxInFlight, Map<String, Integer> maxInFlight, Duration retryAfter) {

		public Admission {
			maxInFlight = (maxInFlight == null) ? Map.of() : Map.copyOf(maxInFlight);
			if (retryAfter == null) {
				retryAfter = Duration.ofSeconds(1);
			}
			if (defaultMaxInFlight <= 0 || maxInFlight.values().stream().anyMatch(limit -> limit <= 0)) {
				throw new IllegalArgumentException("emberpay.gateway.admission limits must be positive");
			}
		}

		public int limitFor(String route) {
			return this.maxInFlight.getOrDefault(route, this.defaultMaxInFlight);
		}

	}

	public record Cors(List<String> allowedOrigins, Duration maxAge) {

		public Cors {
			allowedOrigins = (allowedOrigins == null) ? List.of() : List.copyOf(allowedOrigins);
		}

	}

	public record CircuitBreaker(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
			Duration waitInOpenState, int permittedCallsInHalfOpenState) {
	}

	public record RateLimits(long maxTrackedClients, Limit perIp, Limit perPrincipal, Limit credentials, Limit signup) {
	}

	/** A token bucket: {@code capacity} requests, refilled evenly over {@code period}. */
	public record Limit(long capacity, Duration period) {

		public Limit {
			if (capacity <= 0 || period == null || period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
			}
		}

	}

}
