package io.emberpay.payment.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.internal.InternalApiClient;
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
import tools.jackson.databind.JsonNode;

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

	private final InternalApiClient client;

	private final FraudProperties properties;

	private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

	private final CircuitBreaker breaker;

	private final Counter shed;

	FraudScreen(InternalApiClient client, FraudProperties properties, MeterRegistry meters) {
		this.client = client;
		this.properties = properties;
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(properties.breakerWindowSize())
			.minimumNumberOfCalls(properties.breakerMinimumCalls())
			.failureRateThreshold(properties.breakerFailureRatePercent())
			.waitDurationInOpenState(properties.breakerOpenDuration())
			.permittedNumberOfCallsInHalfOpenState(properties.breakerHalfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.recordExceptions(InternalApiClient.Unreachable.class, FraudServiceFault.class)
			.ignoreExceptions(FraudServiceBusy.class, InternalApiClient.TimedOut.class)
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
		catch (FraudServiceBusy | InternalApiClient.TimedOut ex) {
			this.shed.increment();
			throw new ApiException(PaymentError.FRAUD_SCREENING_UNAVAILABLE,
					"Fraud screening is at capacity; nothing was charged, retry after the delay given", null,
					BUSY_RETRY_AFTER);
		}
		catch (InternalApiClient.Unreachable | FraudServiceFault | CallNotPermittedException ex) {
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
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("payment", request.payment());
		body.put("user", request.user());
		body.put("merchant", request.merchant());
		body.put("amount", request.amount());
		body.put("currency", request.currency());
		body.put("card_fingerprint", request.cardFingerprint());
		body.put("card_bin", request.cardBin());
		body.put("card_country", null);
		body.put("device_id", request.deviceId());
		body.put("device_fingerprint", null);
		body.put("ip", request.ip());
		body.put("email", null);
		body.put("occurred_at", request.occurredAt().toString());
		body.put("off_session", request.offSession());
		InternalApiClient.Reply reply = this.client.post(FRAUD_SERVICE, this.properties.url() + "/internal/v1/scores",
				body, this.properties.timeout());
		if (reply.status() == 503 || reply.status() == 429) {
			throw new FraudServiceBusy();
		}
		if (reply.status() != 200 || reply.json() == null) {
			throw new FraudServiceFault("fraud-service answered " + reply.status());
		}
		JsonNode json = reply.json();
		FraudVerdict.Decision decision;
		try {
			decision = FraudVerdict.Decision.valueOf(json.path("decision").asString("").toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new FraudServiceFault("fraud-service answered an unknown decision");
		}
		List<String> reasons = new ArrayList<>();
		json.path("reasons").forEach(reason -> reasons.add(reason.asString()));
		int score = Math.clamp(json.path("score").asInt(0), 0, 100);
		return new FraudVerdict(score, decision, reasons, json.path("fallback").asBoolean(false), false);
	}

	private FraudVerdict fallback(ScoreRequest request) {
		Long limit = this.properties.fallbackApproveLimits().get(request.currency());
		if (this.properties.fallback() == FraudProperties.Fallback.APPROVE_BELOW_LIMIT && limit != null
				&& request.amount() < limit) {
			return new FraudVerdict(0, FraudVerdict.Decision.APPROVE, List.of("fraud_service_unavailable"), true, true);
		}
		return new FraudVerdict(100, FraudVerdict.Decision.DECLINE, List.of("fraud_service_unavailable"), true, false);
	}

	public record ScoreRequest(String payment, String user, String merchant, long amount, String currency,
			String cardFingerprint, String cardBin, String deviceId, String ip, Instant occurredAt,
			boolean offSession) {
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
