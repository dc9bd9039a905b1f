package io.emberpay.events.payment;

import java.time.Instant;
import java.util.Map;

/**
 * A payment as it stood when an event happened: the public API representation (card data
 * limited to brand, last4, BIN and the keyed fingerprint), which webhooks forward as
 * {@code data.object}.
 */
public record PaymentSnapshot(String id, String object, long amount, String currency, String status,
		String captureMethod, long amountCapturable, long amountReceived, long amountRefunded, String merchant,
		String user, String paymentMethod, CardSummary card, String psp, String pspReference, String failureCode,
		String description, Map<String, String> metadata, FraudSummary fraud, DeviceContext device, boolean livemode,
		String requestId, Instant created) {

	public record CardSummary(String brand, String last4, String bin, String country, String fingerprint, int expMonth,
			int expYear) {
	}

	public record FraudSummary(int score, String decision, java.util.List<String> reasons) {
	}

	public record DeviceContext(String deviceId, String ip) {
	}

}
