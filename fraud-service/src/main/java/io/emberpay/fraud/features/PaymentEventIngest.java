package io.emberpay.fraud.features;

import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentRequiresAction;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.fraud.geo.IpGeolocation;
import io.emberpay.fraud.risk.PaymentAttempt;
import io.emberpay.starter.inbox.ReceivedEvent;

import org.springframework.stereotype.Component;

/**
 * Keeps features current from {@code payments.events}. Runs inside the inbox transaction,
 * so a redelivered event is skipped before it gets here; and each outcome is applied only
 * on the pending-to-settled transition, so {@code payment.authorized},
 * {@code payment.captured} and {@code payment.succeeded} of one payment count once.
 */
@Component
class PaymentEventIngest {

	static final String AUTHORIZED = "authorized";

	static final String FAILED = "failed";

	private final AttemptRecorder attempts;

	private final AmountHistory amounts;

	private final FailureStreaks streaks;

	private final KnownDevices devices;

	private final IpGeolocation geolocation;

	PaymentEventIngest(AttemptRecorder attempts, AmountHistory amounts, FailureStreaks streaks, KnownDevices devices,
			IpGeolocation geolocation) {
		this.attempts = attempts;
		this.amounts = amounts;
		this.streaks = streaks;
		this.devices = devices;
		this.geolocation = geolocation;
	}

	void apply(ReceivedEvent received) {
		if (!(received.event() instanceof PaymentEvent event) || event.payment() == null) {
			return;
		}
		switch (event) {
			case PaymentAuthorized authorized -> settle(authorized.payment(), AUTHORIZED);
			case PaymentCaptured captured -> settle(captured.payment(), AUTHORIZED);
			case PaymentSucceeded succeeded -> settle(succeeded.payment(), AUTHORIZED);
			case PaymentFailed failed -> settle(failed.payment(), FAILED);
			case PaymentRequiresAction pending -> observe(pending.payment());
			default -> {
				// cancellations and refunds change no risk feature
			}
		}
	}

	private void settle(PaymentSnapshot payment, String outcome) {
		if (!observe(payment)) {
			return;
		}
		this.attempts.settle(payment.id(), outcome).ifPresent(settled -> {
			if (AUTHORIZED.equals(outcome)) {
				if (settled.user() != null) {
					this.amounts.add("user", settled.user(), settled.currency(), settled.amount());
				}
				this.amounts.add("merchant", settled.merchant(), settled.currency(), settled.amount());
				this.devices.remember(settled.user(), settled.deviceId(), settled.occurredAt());
				this.streaks.succeeded(StreakScope.PAYMENT_USER, settled.user());
				this.streaks.succeeded(StreakScope.PAYMENT_CARD, settled.cardFingerprint());
			}
			else {
				this.streaks.failed(StreakScope.PAYMENT_USER, settled.user());
				this.streaks.failed(StreakScope.PAYMENT_CARD, settled.cardFingerprint());
			}
		});
	}

	/**
	 * Records a payment this service has not scored (fraud-service was unreachable, or
	 * the event overtook the scoring write). False when the snapshot is unusable.
	 */
	private boolean observe(PaymentSnapshot payment) {
		if (payment.id() == null || payment.merchant() == null || payment.currency() == null || payment.amount() <= 0
				|| payment.created() == null) {
			return false;
		}
		PaymentSnapshot.CardSummary card = payment.card();
		PaymentSnapshot.DeviceContext device = payment.device();
		String ip = (device == null) ? null : fitting(device.ip(), 45);
		PaymentAttempt attempt = new PaymentAttempt(payment.id(), fitting(payment.user(), 64), payment.merchant(),
				payment.amount(), payment.currency(), (card == null) ? null : fitting(card.fingerprint(), 128),
				(card == null) ? null : fitting(card.bin(), 8), (card == null) ? null : fitting(card.country(), 2),
				(device == null) ? null : fitting(device.deviceId(), 128), null, ip, null, payment.created(), false,
				payment.livemode());
		this.attempts.recordObserved(attempt, (ip == null) ? null : this.geolocation.locate(ip).orElse(null));
		return true;
	}

	/**
	 * A value that fits its column, or null: a feature is dropped rather than the event.
	 */
	private static String fitting(String value, int maxLength) {
		return (value == null || value.length() > maxLength) ? null : value;
	}

}
