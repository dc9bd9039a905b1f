package io.emberpay.fraud.scoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Decisions by outcome (and whether the fallback gave them), hits per rule, and the
 * scoring latency as a histogram for percentiles across replicas.
 */
@Component
class ScoringMetrics {

	private final MeterRegistry registry;

	private final Timer latency;

	private final Counter shed;

	/** Rule codes and decisions are a small fixed set, so these maps stay small. */
	private final Map<String, Counter> decisions = new ConcurrentHashMap<>();

	private final Map<String, Counter> ruleHits = new ConcurrentHashMap<>();

	ScoringMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.latency = Timer.builder("fraud.scoring.latency")
			.description("Time to answer a scoring request")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofNanos(100_000))
			.maximumExpectedValue(Duration.ofSeconds(1))
			.register(registry);
		this.shed = Counter.builder("fraud.scoring.shed")
			.description("Scorings refused with 503 because the service was at capacity or missed its deadline")
			.register(registry);
	}

	void shed() {
		this.shed.increment();
	}

	void answered(ScoreResponse response, long startNanos) {
		this.latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
		this.decisions
			.computeIfAbsent(response.decision() + "/" + response.fallback(),
					key -> Counter.builder("fraud.decisions")
						.description("Scoring decisions by outcome")
						.tag("decision", response.decision())
						.tag("fallback", Boolean.toString(response.fallback()))
						.register(this.registry))
			.increment();
	}

	void fired(List<RiskSignal> signals) {
		for (RiskSignal signal : signals) {
			this.ruleHits
				.computeIfAbsent(signal.code(),
						code -> Counter.builder("fraud.rule.hits")
							.description("Times each rule fired")
							.tag("rule", code)
							.register(this.registry))
				.increment();
		}
	}

}
