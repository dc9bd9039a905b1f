package io.emberpay.payment.auth;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** What payment-service asks auth-service: merchants' standing and step-up challenges. */
@HttpExchange(url = "/internal/v1", accept = "application/json", contentType = "application/json")
interface AuthServiceApi {

	@GetExchange("/merchants/{merchant}")
	MerchantRecord merchant(@PathVariable String merchant);

	@PostExchange("/step_up/challenges")
	void openStepUp(@RequestBody StepUpRequest request);

	@PostExchange("/step_up/verify")
	StepUpVerdict verifyStepUp(@RequestBody StepUpCode request);

	record MerchantRecord(String id, String status, boolean liveEnabled) {
	}

	record StepUpRequest(String user, String payment) {
	}

	record StepUpCode(String user, String payment, String code) {
	}

	record StepUpVerdict(boolean verified) {
	}

}
