package io.emberpay.fraud.scoring;

import java.time.Clock;

import io.emberpay.starter.security.InternalCallers;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/scores}: service-to-service, never routed by the gateway. Bad
 * input is a 400 problem; anything that goes wrong after validation is answered by the
 * fallback policy, never by a 5xx.
 */
@RestController
class ScoreController {

	private final ScoringService scoring;

	private final Clock clock;

	ScoreController(ScoringService scoring, Clock clock) {
		this.scoring = scoring;
		this.clock = clock;
	}

	@InternalCallers("payment-service")
	@PostMapping("/internal/v1/scores")
	ScoreResponse score(@Valid @RequestBody ScoreRequest request) {
		long startNanos = System.nanoTime();
		return this.scoring.score(request.toAttempt(this.clock), startNanos);
	}

}
