package io.emberpay.subscription.renewal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.starter.internal.InternalApiClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Off-session charges through payment-service's internal API
 * ({@code POST /internal/v1/off_session_payments}), which checks the user's consent,
 * screens the payment for fraud and charges the acquirer, idempotently by key.
 */
@Component
class PaymentServiceCharger implements OffSessionCharger {

	private static final Logger log = LoggerFactory.getLogger(PaymentServiceCharger.class);

	private final InternalApiClient client;

	private final PaymentServiceProperties properties;

	PaymentServiceCharger(InternalApiClient client, PaymentServiceProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	@Override
	public ChargeOutcome charge(Charge charge) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("merchant", charge.merchant());
		body.put("customer", charge.customer());
		body.put("payment_method", charge.paymentMethod());
		body.put("amount", charge.amount());
		body.put("currency", charge.currency());
		body.put("idempotency_key", charge.idempotencyKey());
		body.put("description", charge.description());
		body.put("metadata", charge.metadata());
		body.put("livemode", charge.livemode());
		InternalApiClient.Reply reply;
		try {
			reply = this.client.post("payment-service", this.properties.url() + "/internal/v1/off_session_payments",
					body, this.properties.timeout());
		}
		catch (InternalApiClient.Unreachable ex) {
			log.warn("Off-session charge {} not answered: {}", charge.idempotencyKey(), ex.getMessage());
			return ChargeOutcome.unknown(null);
		}
		return outcome(reply);
	}

	static ChargeOutcome outcome(InternalApiClient.Reply reply) {
		int status = reply.status();
		if (status == 200 || status == 201 || status == 202) {
			String payment = reply.text("id");
			return switch (String.valueOf(reply.text("status"))) {
				case "succeeded", "requires_capture" ->
					new ChargeOutcome(ChargeOutcome.Result.SUCCEEDED, payment, null);
				case "failed", "canceled" -> new ChargeOutcome(ChargeOutcome.Result.FAILED, payment,
						orDefault(reply.text("failure_code"), "payment_failed"));
				// off-session, nobody can answer a challenge: the user has to come back
				case "requires_action" ->
					new ChargeOutcome(ChargeOutcome.Result.FAILED, payment, "authentication_required");
				default -> ChargeOutcome.unknown(payment);
			};
		}
		if (status == 402 || status == 403 || status == 400 || status == 404) {
			// refused before or at the acquirer: no consent, a detached card, a decline
			return new ChargeOutcome(ChargeOutcome.Result.FAILED, reply.text("payment"),
					orDefault(reply.text("decline_code"), orDefault(reply.text("code"), "payment_failed")));
		}
		if (status == 503 && reply.text("payment") != null) {
			// the payment exists and failed for good (no acquirer could take it): this
			// key would only
			// replay that, so the attempt counts as failed and dunning retries under the
			// next key
			return new ChargeOutcome(ChargeOutcome.Result.FAILED, reply.text("payment"),
					orDefault(reply.text("code"), "psp_unavailable"));
		}
		// 409 (the same key still in flight), 429, 5xx: the outcome is not known yet
		return ChargeOutcome.unknown(null);
	}

	private static String orDefault(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
