package io.emberpay.subscription.renewal;

import io.emberpay.subscription.renewal.OffSessionCharger.ChargeOutcome.Result;
import io.emberpay.subscription.renewal.OffSessionCharger.ChargeOutcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** How payment-service's answers to an off-session charge become invoice outcomes. */
class PaymentServiceChargerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aSucceededPaymentPaysTheInvoice() {
		assertThat(outcome(201, "{\"id\":\"pay_1\",\"status\":\"succeeded\"}"))
			.isEqualTo(new ChargeOutcome(Result.SUCCEEDED, "pay_1", null));
		assertThat(outcome(200, "{\"id\":\"pay_1\",\"status\":\"succeeded\"}").result()).isEqualTo(Result.SUCCEEDED);
	}

	@Test
	void aDeclineFailsTheAttemptWithTheIssuersReason() {
		assertThat(outcome(402,
				"{\"code\":\"card_declined\",\"decline_code\":\"insufficient_funds\",\"payment\":\"pay_2\"}"))
			.isEqualTo(new ChargeOutcome(Result.FAILED, "pay_2", "insufficient_funds"));
	}

	@Test
	void aChargeThatNeedsTheUserFailsWithAuthenticationRequired() {
		assertThat(outcome(402, "{\"code\":\"authentication_required\",\"payment\":\"pay_3\"}").failureCode())
			.isEqualTo("authentication_required");
		assertThat(outcome(201, "{\"id\":\"pay_3\",\"status\":\"requires_action\"}"))
			.isEqualTo(new ChargeOutcome(Result.FAILED, "pay_3", "authentication_required"));
	}

	@Test
	void noConsentFailsTheAttempt() {
		assertThat(outcome(403, "{\"code\":\"off_session_consent_missing\"}"))
			.isEqualTo(new ChargeOutcome(Result.FAILED, null, "off_session_consent_missing"));
	}

	@Test
	void anUnknownOutcomeIsAskedAgainUnderTheSameKey() {
		assertThat(outcome(202, "{\"id\":\"pay_4\",\"status\":\"processing\"}"))
			.isEqualTo(ChargeOutcome.unknown("pay_4"));
		assertThat(outcome(409, "{\"code\":\"idempotency_request_in_progress\"}").result()).isEqualTo(Result.UNKNOWN);
		assertThat(outcome(503, "{\"code\":\"fraud_screening_unavailable\"}").result()).isEqualTo(Result.UNKNOWN);
		assertThat(outcome(500, "").result()).isEqualTo(Result.UNKNOWN);
	}

	@Test
	void aPaymentThatNoAcquirerCouldTakeFailsTheAttemptSoTheNextKeyRetriesIt() {
		assertThat(outcome(503, "{\"code\":\"psp_unavailable\",\"payment\":\"pay_5\"}"))
			.isEqualTo(new ChargeOutcome(Result.FAILED, "pay_5", "psp_unavailable"));
	}

	/**
	 * As the charger sees an answer: a payment for 2xx, the problem's fields otherwise.
	 */
	private static ChargeOutcome outcome(int status, String body) {
		JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
		if (status >= 200 && status < 300) {
			return PaymentServiceCharger.outcome(new OffSessionPayments.ChargedPayment(text(json, "id"),
					text(json, "status"), text(json, "failure_code")));
		}
		return PaymentServiceCharger.refusal(status, text(json, "code"), text(json, "decline_code"),
				text(json, "payment"));
	}

	private static String text(JsonNode json, String field) {
		return (json == null || !json.hasNonNull(field)) ? null : json.get(field).asString();
	}

}
