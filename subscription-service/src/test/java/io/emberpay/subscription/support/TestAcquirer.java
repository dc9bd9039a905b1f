package io.emberpay.subscription.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.emberpay.subscription.renewal.OffSessionCharger;

/**
 * Stands in for payment-service and the acquirer behind it, keeping their promise: the
 * same idempotency key answers the first outcome and never charges again. The payment
 * method decides the outcome ({@code pm_ok…} succeeds, {@code pm_decline…} is declined,
 * {@code pm_sca…} needs the user's authentication, {@code pm_usdonly…} pays only USD,
 * {@code pm_lost…} never answers). With {@link #loseAnswers} it charges but loses some
 * answers, the way a timeout does, so callers retry.
 */
public final class TestAcquirer implements OffSessionCharger {

	private final Map<String, ChargeOutcome> byKey = new ConcurrentHashMap<>();

	/** Charges actually made at the acquirer, per invoice. */
	private final Map<String, AtomicInteger> executed = new ConcurrentHashMap<>();

	private final Map<String, Charge> lastCharge = new ConcurrentHashMap<>();

	private volatile double lostAnswerRate;

	public void loseAnswers(double rate) {
		this.lostAnswerRate = rate;
	}

	@Override
	public ChargeOutcome charge(Charge charge) {
		ChargeOutcome outcome = this.byKey.computeIfAbsent(charge.idempotencyKey(), key -> execute(charge));
		if (this.lostAnswerRate > 0 && ThreadLocalRandom.current().nextDouble() < this.lostAnswerRate) {
			return ChargeOutcome.unknown(null);
		}
		return outcome;
	}

	private ChargeOutcome execute(Charge charge) {
		String invoice = charge.metadata().get("invoice");
		this.lastCharge.put(invoice, charge);
		String payment = "pay_test_" + charge.idempotencyKey().replace('-', '_');
		if (charge.paymentMethod().startsWith("pm_decline")) {
			return new ChargeOutcome(ChargeOutcome.Result.FAILED, payment, "card_declined");
		}
		if (charge.paymentMethod().startsWith("pm_lost")) {
			// the charge went through but no answer will ever come back; only the payment
			// event tells
			return ChargeOutcome.unknown(payment);
		}
		if (charge.paymentMethod().startsWith("pm_usdonly") && !"USD".equals(charge.currency())) {
			// payment-service refuses a currency the method cannot pay before any
			// acquirer
			return new ChargeOutcome(ChargeOutcome.Result.FAILED, null, "currency_not_supported");
		}
		if (charge.paymentMethod().startsWith("pm_sca")) {
			return new ChargeOutcome(ChargeOutcome.Result.FAILED, payment, "authentication_required");
		}
		this.executed.computeIfAbsent(invoice, key -> new AtomicInteger()).incrementAndGet();
		return new ChargeOutcome(ChargeOutcome.Result.SUCCEEDED, payment, null);
	}

	/** Successful charges the acquirer made for the invoice. */
	public int chargesOf(String invoice) {
		AtomicInteger count = this.executed.get(invoice);
		return (count == null) ? 0 : count.get();
	}

	/** Attempts (distinct idempotency keys) for the invoice, successful or not. */
	public long attemptsOf(String invoice) {
		return this.byKey.keySet().stream().filter(key -> key.startsWith(invoice + "-")).count();
	}

	public Charge lastChargeOf(String invoice) {
		return this.lastCharge.get(invoice);
	}

}
