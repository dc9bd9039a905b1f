package io.emberpay.fraud.scoring;

import io.emberpay.fraud.features.AttemptRecorder;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/fraud/scores/{payment}}: why a payment got its decision. Operators see
 * any payment, a merchant only its own (another merchant's payment is a 404, as if it did
 * not exist); end users may not read risk reasons.
 */
@RestController
class ScoreExplanationController {

	private final AttemptRecorder attempts;

	ScoreExplanationController(AttemptRecorder attempts) {
		this.attempts = attempts;
	}

	@GetMapping("/v1/fraud/scores/{payment}")
	AttemptRecorder.ScoredAttempt explain(Caller caller, @PathVariable String payment) {
		if (!caller.isOperator() && !caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only merchants and operators may read risk reasons");
		}
		return this.attempts.find(payment)
			.filter(attempt -> caller.isOperator() || attempt.merchant().equals(caller.id()))
			.orElseThrow(() -> ApiException.notFound("payment", payment));
	}

}
