package io.emberpay.fraud.scoring;

import java.time.Duration;
import java.util.List;

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

	ScoringMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.latency = Timer.builder("fraud.scoring.latency")
			.description("Time to answer a scoring request")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(1))
			.register(registry);
	}

	void answered(ScoreResponse response, long startNanos) {
		this.latency.record(Duration.ofNanos(System.nanoTime() - startNanos));
		Counter.builder("fraud.decisions")
			.description("Scoring decisions by outcome")
			.tag("decision", response.decision())
			.tag("fallback", Boolean.toString(response.fallback()))
			.register(this.registry)
			.increment();
	}

	void fired(List<RiskSignal> signals) {
		for (RiskSignal signal : signals) {
			Counter.builder("fraud.rule.hits")
				.description("Times each rule fired")
				.tag("rule", signal.code())
				.register(this.registry)
				.increment();
		}
	}

}
