package io.emberpay.payment.psp;

import java.util.List;
import java.util.Locale;

import io.emberpay.starter.security.InternalCallers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of the acquirer circuit breakers (also exported as metrics). */
@RestController
class PspBreakerController {

	private final PspRouter router;

	PspBreakerController(PspRouter router) {
		this.router = router;
	}

	@InternalCallers(operators = true)
	@GetMapping("/internal/v1/psp/breakers")
	Breakers breakers() {
		return new Breakers(this.router.channels().stream().map(channel -> {
			CircuitBreaker breaker = channel.breaker();
			CircuitBreaker.Metrics metrics = breaker.getMetrics();
			return new Breaker(channel.name(), breaker.getState().name().toLowerCase(Locale.ROOT),
					metrics.getFailureRate(), metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(),
					metrics.getNumberOfNotPermittedCalls());
		}).toList());
	}

	record Breakers(List<Breaker> data) {
	}

	record Breaker(String psp, String state, float failureRatePercent, int bufferedCalls, int failedCalls,
			long notPermittedCalls) {
	}

}
