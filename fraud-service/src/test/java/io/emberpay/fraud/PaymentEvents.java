package io.emberpay.fraud;

import java.time.Instant;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentSnapshot;

/**
 * Payment events as payment-service publishes them, built from a scoring request's
 * fields.
 */
public final class PaymentEvents {

	private PaymentEvents() {
	}

	public static PaymentSnapshot snapshot(Map<String, Object> request, String status, String failureCode) {
		return new PaymentSnapshot((String) request.get("payment"), "payment",
				((Number) request.get("amount")).longValue(), (String) request.get("currency"), status, "automatic", 0,
				0, 0, (String) request.get("merchant"), (String) request.get("user"), ResourceIds.next("pm"),
				new PaymentSnapshot.CardSummary("visa", "4242", (String) request.get("card_bin"),
						(String) request.get("card_country"), (String) request.get("card_fingerprint"), 12, 2030),
				"psp-a", "auth_1", failureCode, null, Map.of(), null,
				new PaymentSnapshot.DeviceContext((String) request.get("device_id"), (String) request.get("ip")), false,
				"req_test", (request.get("occurred_at") == null) ? Instant.now()
						: Instant.parse((String) request.get("occurred_at")));
	}

	public static PaymentAuthorized authorized(Map<String, Object> request) {
		return new PaymentAuthorized(ResourceIds.event(), Instant.now(), snapshot(request, "requires_capture", null));
	}

	public static PaymentFailed failed(Map<String, Object> request) {
		return new PaymentFailed(ResourceIds.event(), Instant.now(), snapshot(request, "failed", "card_declined"));
	}

}
