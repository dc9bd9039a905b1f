package io.emberpay.fraud.rules.device;

import java.util.Optional;

import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * A device the user has never proven (by a login or a successful payment) while they have
 * proven others: {@code new_device_for_user: dev-9}. A user with no known device yet is
 * new, not suspicious, and the rule stays quiet.
 */
public final class NewDeviceRule implements Rule {

	private final int weight;

	public NewDeviceRule(int weight) {
		this.weight = weight;
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		String device = context.attempt().deviceId();
		if (device == null || context.features().deviceKnown() || !context.features().userHasDevices()) {
			return Optional.empty();
		}
		return Optional.of(RiskSignal.of("new_device_for_user", device, this.weight));
	}

}
