package io.emberpay.starter.admission;

import java.io.IOException;
import java.time.Duration;

import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.problem.Problems;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control for the API ({@code /v1/**}) and service-to-service
 * ({@code /internal/**}) paths: a request that finds no place in the bulkhead within its
 * short wait is answered {@code 503 service_unavailable} with {@code Retry-After} before
 * anything else runs, so a spike is refused cheaply instead of queueing until callers
 * time out and breakers open. Probes and metrics are never limited.
 */
class AdmissionFilter extends OncePerRequestFilter {

	private final Bulkhead places;

	private final Duration retryAfter;

	private final Counter refused;

	AdmissionFilter(Bulkhead places, Duration retryAfter, Counter refused) {
		this.places = places;
		this.retryAfter = retryAfter;
		this.refused = refused;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.startsWith("/v1/") || path.startsWith("/internal/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.places.tryAcquirePermission()) {
			this.refused.increment();
			Problems.write(response, CommonError.SERVICE_UNAVAILABLE,
					"The service is at capacity; nothing was done, retry after the delay given", this.retryAfter);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.places.onComplete();
		}
	}

}
