package io.emberpay.fraud.scoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.emberpay.fraud.alerts.FraudAlerts;
import io.emberpay.fraud.features.AttemptRecorder;
import io.emberpay.fraud.features.FeatureReader;
import io.emberpay.fraud.features.RiskFeatures;
import io.emberpay.fraud.geo.IpGeolocation;
import io.emberpay.fraud.geo.IpLocation;
import io.emberpay.fraud.risk.Decision;
import io.emberpay.fraud.risk.PaymentAttempt;
import io.emberpay.fraud.thresholds.MerchantThresholds;
import io.emberpay.starter.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores an attempt within the configured deadline.
 * <p>
 * The attempt is recorded <em>before</em> its features are read. Of any two concurrent
 * attempts on one card, the one that reads last then sees the other, so a burst fired in
 * parallel is caught as surely as one fired in sequence. The score and reasons are added
 * to the recorded attempt (with a {@code fraud.alert} when warranted) after the answer is
 * handed back, keeping the caller's wait to two database round trips.
 * <p>
 * The work runs on a virtual thread. If it has not answered in time, or the bound on
 * in-flight scorings is reached, the service is busy: the caller gets a 503
 * {@code scoring_overloaded} with {@code Retry-After} and sheds the payment, because a
 * busy fraud-service says nothing about a payment's risk and a guessed "review" would
 * send legitimate shoppers to step-up. If the database fails, the caller gets the
 * configured fallback decision flagged {@code fallback: true}.
 */
@Service
public class ScoringService implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ScoringService.class);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final FeatureReader features;

	private final IpGeolocation geolocation;

	private final List<RiskScorer> scorers;

	private final MerchantThresholds thresholds;

	private final AttemptRecorder attempts;

	private final FraudAlerts alerts;

	private final ScoringMetrics metrics;

	private final ScoringProperties properties;

	private final TransactionTemplate transactions;

	private final Semaphore inFlight;

	private final ExecutorService workers = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("scoring-", 0).factory());

	ScoringService(FeatureReader features, IpGeolocation geolocation, List<RiskScorer> scorers,
			MerchantThresholds thresholds, AttemptRecorder attempts, FraudAlerts alerts, ScoringMetrics metrics,
			ScoringProperties properties, TransactionTemplate transactions) {
		if (scorers.isEmpty()) {
			throw new IllegalStateException("at least one RiskScorer is required");
		}
		this.features = features;
		this.geolocation = geolocation;
		this.scorers = List.copyOf(scorers);
		this.thresholds = thresholds;
		this.attempts = attempts;
		this.alerts = alerts;
		this.metrics = metrics;
		this.properties = properties;
		this.transactions = transactions;
		this.inFlight = new Semaphore(properties.maxInFlight());
	}

	/** Scores {@code attempt}; the deadline counts from {@code startNanos}. */
	public ScoreResponse score(PaymentAttempt attempt, long startNanos) {
		ScoreResponse response = withinDeadline(attempt, startNanos);
		this.metrics.answered(response, startNanos);
		return response;
	}

	private ScoreResponse withinDeadline(PaymentAttempt attempt, long startNanos) {
		if (!this.inFlight.tryAcquire()) {
			throw overloaded(this.properties.maxInFlight() + " scorings in flight");
		}
		CompletableFuture<ScoreResponse> answer = new CompletableFuture<>();
		try {
			this.workers.execute(() -> {
				try {
					evaluate(attempt, answer);
				}
				catch (RuntimeException ex) {
					if (!answer.completeExceptionally(ex)) {
						log.warn("Recording the score of {} failed after answering", attempt.payment(), ex);
					}
				}
				finally {
					this.inFlight.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.inFlight.release();
			return fallback("scoring_unavailable: shutting down");
		}
		long remainingNanos = this.properties.deadline().toNanos() - (System.nanoTime() - startNanos);
		try {
			return answer.get(Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw overloaded("no verdict within the " + this.properties.deadline().toMillis() + " ms deadline");
		}
		catch (ExecutionException ex) {
			log.warn("Scoring {} failed; answering with the fallback decision", attempt.payment(), ex.getCause());
			return fallback("scoring_unavailable: " + ex.getCause().getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fallback("scoring_unavailable: interrupted");
		}
	}

	private void evaluate(PaymentAttempt attempt, CompletableFuture<ScoreResponse> answer) {
		IpLocation location = (attempt.ip() == null) ? null : this.geolocation.locate(attempt.ip()).orElse(null);
		boolean firstScoring = this.attempts.recordScored(attempt, location);
		RiskFeatures riskFeatures = this.features.read(attempt, location);
		RiskAssessment assessment = assess(new RiskContext(attempt, riskFeatures));
		Decision forced = assessment.forcedDecision();
		Decision decision = (forced != null) ? forced
				: this.thresholds.forMerchant(attempt.merchant()).decide(assessment.score());
		List<String> reasons = assessment.signals().stream().map(RiskSignal::reason).toList();
		this.metrics.fired(assessment.signals());
		answer.complete(new ScoreResponse(assessment.score(), decision.wire(), reasons, false));
		if (!firstScoring) {
			// a retry of a payment already scored: it was explained (and alerted on) the
			// first time
			return;
		}
		if (decision == Decision.DECLINE || assessment.score() >= this.properties.alertScore()) {
			this.transactions.executeWithoutResult(status -> {
				this.attempts.explain(attempt.payment(), assessment.score(), decision, reasons);
				this.alerts.raise(attempt, assessment.score(), decision.wire(), reasons);
			});
		}
		else {
			this.attempts.explain(attempt.payment(), assessment.score(), decision, reasons);
		}
	}

	/**
	 * Combines the scorers: the highest score wins, so a scorer can only add risk, and
	 * every scorer's signals are reported.
	 */
	private RiskAssessment assess(RiskContext context) {
		int score = 0;
		List<RiskSignal> signals = new ArrayList<>();
		for (RiskScorer scorer : this.scorers) {
			RiskAssessment assessment = scorer.assess(context);
			score = Math.max(score, assessment.score());
			signals.addAll(assessment.signals());
		}
		return new RiskAssessment(score, signals);
	}

	private ApiException overloaded(String why) {
		this.metrics.shed();
		return new ApiException(ScoringError.SCORING_OVERLOADED, "Scoring is at capacity (" + why + "); retry shortly",
				null, RETRY_AFTER);
	}

	private ScoreResponse fallback(String reason) {
		return new ScoreResponse(this.properties.fallbackScore(), this.properties.fallbackDecision().wire(),
				List.of(reason), true);
	}

	@Override
	public void destroy() {
		this.workers.shutdown();
	}

}
