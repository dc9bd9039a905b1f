package io.emberpay.fraud.rules.offsession;

import java.util.Optional;

import io.emberpay.fraud.features.AmountStats;
import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * Signals of off-session charges, where the device and location rules have nothing to go
 * on: {@code off_session_device_present} when the attempt carries a device or IP (nobody
 * should be there), and {@code off_session_unusual_amount} when the amount is more than
 * {@code maxTimesUsualAmount} times the user's usual (geometric mean) amount.
 */
public final class OffSessionRule implements Rule {

	private final int presentDeviceWeight;

	private final int maxTimesUsualAmount;

	private final long minUserSamples;

	private final int unusualAmountWeight;

	public OffSessionRule(int presentDeviceWeight, int maxTimesUsualAmount, long minUserSamples,
			int unusualAmountWeight) {
		this.presentDeviceWeight = presentDeviceWeight;
		this.maxTimesUsualAmount = maxTimesUsualAmount;
		this.minUserSamples = minUserSamples;
		this.unusualAmountWeight = unusualAmountWeight;
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		if (!context.attempt().offSession()) {
			return Optional.empty();
		}
		if (context.attempt().deviceId() != null || context.attempt().ip() != null) {
			return Optional.of(RiskSignal.of("off_session_device_present", String.valueOf(context.attempt().deviceId()),
					this.presentDeviceWeight));
		}
		AmountStats usual = context.features().userAmounts();
		if (usual != null && usual.samples() >= this.minUserSamples
				&& Math.log(context.attempt().amount()) > usual.meanLog() + Math.log(this.maxTimesUsualAmount)) {
			return Optional.of(RiskSignal.of("off_session_unusual_amount", Long.toString(context.attempt().amount()),
					this.unusualAmountWeight));
		}
		return Optional.empty();
	}

}
