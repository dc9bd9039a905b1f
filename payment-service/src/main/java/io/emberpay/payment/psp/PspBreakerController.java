package io.emberpay.payment.psp;

import java.util.List;
import java.util.Locale;

import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.InternalCallers;
import io.emberpay.starter.security.OperatorAccess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the acquirer circuit breakers (also exported as metrics): inside the
 * platform, and for operators with MFA on the public API (the console's acquirers page).
 * Each replica keeps its own breakers; the answer is the replica that served it.
 */
@RestController
class PspBreakerController {

	private final PspRouter router;

	PspBreakerController(PspRouter router) {
		this.router = router;
	}

	@GetMapping("/v1/acquirers")
	Breakers acquirers(Caller caller) {
		OperatorAccess.require(caller);
		return breakers();
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
