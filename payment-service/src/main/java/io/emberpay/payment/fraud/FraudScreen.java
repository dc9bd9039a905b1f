package io.emberpay.payment.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.internal.InternalServices;
import io.emberpay.starter.internal.ServiceRefused;
import io.emberpay.starter.internal.ServiceTimedOut;
import io.emberpay.starter.internal.ServiceUnreachable;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.emberpay.starter.problem.ApiException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Scores a payment with fraud-service synchronously, under a tight timeout and a circuit
 * breaker. A fraud-service that is down (unreachable, failing, breaker open) is replaced
 * by the configured fallback policy. A fraud-service that is busy (it answered 503 or
 * 429, or did not answer in time) is not a verdict on the payment: the payment is shed
 * with a 503 before anything is written, and the breaker does not count it, so a spike
 * neither sends legitimate shoppers to step-up nor opens the breaker.
 */
@Component
public class FraudScreen {

	private static final String FRAUD_SERVICE = "fraud-service";

	private static final Logger log = LoggerFactory.getLogger(FraudScreen.class);

	private final FraudServiceApi fraud;

	private final FraudProperties properties;

	private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

	private final CircuitBreaker breaker;

	private final Counter shed;

	FraudScreen(InternalServices services, FraudProperties properties, MeterRegistry meters) {
		this.fraud = services.client(FraudServiceApi.class, FRAUD_SERVICE, properties.url(), properties.timeout());
		this.properties = properties;
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(properties.breakerWindowSize())
			.minimumNumberOfCalls(properties.breakerMinimumCalls())
			.failureRateThreshold(properties.breakerFailureRatePercent())
			.waitDurationInOpenState(properties.breakerOpenDuration())
			.permittedNumberOfCallsInHalfOpenState(properties.breakerHalfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.recordExceptions(ServiceUnreachable.class, FraudServiceFault.class)
			.ignoreExceptions(FraudServiceBusy.class, ServiceTimedOut.class)
			.writableStackTraceEnabled(false)
			.build());
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		this.breaker = registry.circuitBreaker("fraud-service");
		this.shed = Counter.builder("emberpay.fraud.screening.shed")
			.description("Payments refused with 503 because fraud-service was busy")
			.register(meters);
	}

	public FraudVerdict screen(ScoreRequest request) {
		try {
			return this.breaker.executeSupplier(() -> score(request));
		}
		catch (FraudServiceBusy | ServiceTimedOut ex) {
			this.shed.increment();
			throw new ApiException(PaymentError.FRAUD_SCREENING_UNAVAILABLE,
					"Fraud screening is at capacity; nothing was charged, retry after the delay given", null,
					BUSY_RETRY_AFTER);
		}
		catch (ServiceUnreachable | FraudServiceFault | CallNotPermittedException ex) {
			log.warn("Fraud screening unavailable for {}, applying the {} fallback: {}", request.payment(),
					this.properties.fallback(), ex.getMessage());
			return fallback(request);
		}
	}

	/** Whether payments are being screened or sent to the fallback policy. */
	public CircuitBreaker.State breakerState() {
		return this.breaker.getState();
	}

	private FraudVerdict score(ScoreRequest request) {
		FraudServiceApi.ScoreReply reply;
		try {
			reply = this.fraud.score(new FraudServiceApi.ScoreQuery(request.payment(), request.user(),
					request.merchant(), request.amount(), request.currency(), request.cardFingerprint(),
					request.cardBin(), request.deviceId(), request.ip(), request.occurredAt().toString(),
					request.offSession(), request.livemode()));
		}
		catch (ServiceRefused ex) {
			if (ex.status() == 503 || ex.status() == 429) {
				throw new FraudServiceBusy();
			}
			throw new FraudServiceFault("fraud-service answered " + ex.status());
		}
		if (reply == null || reply.decision() == null) {
			throw new FraudServiceFault("fraud-service answered without a decision");
		}
		FraudVerdict.Decision decision;
		try {
			decision = FraudVerdict.Decision.valueOf(reply.decision().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new FraudServiceFault("fraud-service answered an unknown decision");
		}
		List<String> reasons = (reply.reasons() == null) ? List.of() : List.copyOf(reply.reasons());
		return new FraudVerdict(Math.clamp(reply.score(), 0, 100), decision, reasons, reply.fallback(), false);
	}

	private FraudVerdict fallback(ScoreRequest request) {
		Long limit = this.properties.fallbackApproveLimits().get(request.currency());
		if (this.properties.fallback() == FraudProperties.Fallback.APPROVE_BELOW_LIMIT && limit != null
				&& request.amount() < limit) {
			return new FraudVerdict(0, FraudVerdict.Decision.APPROVE, List.of("fraud_service_unavailable"), true, true);
		}
		return new FraudVerdict(100, FraudVerdict.Decision.DECLINE, List.of("fraud_service_unavailable"), true, false);
	}

	/**
	 * {@code livemode} is the payment's mode: fraud-service puts it on any
	 * {@code fraud.alert} so notification-service routes the alert to the merchant's
	 * endpoints of that mode.
	 */
	public record ScoreRequest(String payment, String user, String merchant, long amount, String currency,
			String cardFingerprint, String cardBin, String deviceId, String ip, Instant occurredAt, boolean offSession,
			boolean livemode) {
	}

	/** fraud-service answered that it is at capacity. */
	static final class FraudServiceBusy extends RuntimeException {

		FraudServiceBusy() {
			super("fraud-service is at capacity", null, false, false);
		}

	}

	static final class FraudServiceFault extends RuntimeException {

		FraudServiceFault(String message) {
			super(message, null, false, false);
		}

	}

}
