package io.emberpay.subscription.renewal;

import java.util.Map;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** payment-service's off-session charges, idempotent by the key sent in the body. */
@HttpExchange(url = "/internal/v1", accept = "application/json", contentType = "application/json")
interface OffSessionPayments {

	@PostExchange("/off_session_payments")
	ChargedPayment charge(@RequestBody ChargeRequest request);

	record ChargeRequest(String merchant, String customer, String paymentMethod, long amount, String currency,
			String idempotencyKey, String description, Map<String, String> metadata, boolean livemode) {
	}

	record ChargedPayment(String id, String status, String failureCode) {
	}

}
