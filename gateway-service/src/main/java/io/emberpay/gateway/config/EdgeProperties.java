package io.emberpay.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits the edge enforces before a request reaches a service.
 *
 * @param maxBodyBytes largest request body accepted
 * @param trustedProxyHops how many proxies in front of the gateway append to
 * {@code X-Forwarded-For}; 0 means the socket address is the client
 * @param admission how many requests each route has under way at once before the edge
 * refuses more
 */
@Validated
@ConfigurationProperties("emberpay.gateway")
public record EdgeProperties(@Positive long maxBodyBytes, @PositiveOrZero int trustedProxyHops, @Valid Cors cors,
		@Valid @NotNull CircuitBreaker circuitBreaker, @Valid @NotNull RateLimits rateLimits,
		@Valid @NotNull Admission admission) {

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

	public record CircuitBreaker(@DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
			@Positive int slidingWindowSize, @Positive int minimumNumberOfCalls, @NotNull Duration waitInOpenState,
			@Positive int permittedCallsInHalfOpenState) {
	}

	public record RateLimits(@Positive long maxTrackedClients, @Valid @NotNull Limit perIp,
			@Valid @NotNull Limit perPrincipal, @Valid @NotNull Limit credentials, @Valid @NotNull Limit signup) {
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
