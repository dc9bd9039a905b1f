package io.emberpay.payment.psp;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.InternalCallers;
import io.emberpay.starter.security.OperatorAccess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the acquirers: each one's circuit breaker (also exported as metrics)
 * and, beside it, its routing state as operators set it (shared by every replica), with
 * who set it, when and why. Inside the platform, and for operators with MFA on the public
 * API (the console's acquirers page). Breakers and authorization rates are the answering
 * replica's own.
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
		return new Breakers(this.router.channels().stream().map(channel -> view(this.router, channel)).toList());
	}

	static Breaker view(PspRouter router, PspChannel channel) {
		CircuitBreaker breaker = channel.breaker();
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		var routing = router.states().entry(channel.name());
		OptionalDouble rate = router.authorizationRate(channel.name());
		return new Breaker(channel.name(), breaker.getState().name().toLowerCase(Locale.ROOT), metrics.getFailureRate(),
				metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(),
				metrics.getNumberOfNotPermittedCalls(),
				routing.map(AcquirerRoutingStates.Entry::state).orElse(RoutingState.ACTIVE).apiName(),
				routing.map(AcquirerRoutingStates.Entry::reason).orElse(null),
				routing.map(AcquirerRoutingStates.Entry::changedBy).orElse(null),
				routing.map(AcquirerRoutingStates.Entry::changedAt).orElse(null),
				rate.isPresent() ? (float) (rate.getAsDouble() * 100) : null);
	}

	record Breakers(List<Breaker> data) {
	}

	/**
	 * @param routingState {@code active}, {@code draining} or {@code forced_open}
	 * @param authorizationRatePercent approved share of the recent authorizations, once
	 * there are enough
	 */
	record Breaker(String psp, String state, float failureRatePercent, int bufferedCalls, int failedCalls,
			long notPermittedCalls, String routingState, String routingStateReason, String routingStateChangedBy,
			Instant routingStateChangedAt, Float authorizationRatePercent) {
	}

}
