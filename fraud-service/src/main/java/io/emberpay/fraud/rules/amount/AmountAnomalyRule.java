package io.emberpay.fraud.rules.amount;

import java.util.Locale;
import java.util.Optional;

import io.emberpay.fraud.features.AmountStats;
import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * An amount far above what this user usually pays in this currency, as a z-score of
 * ln(amount): {@code amount_anomaly_user: z 4.2 > 3.0}. A user with too little history is
 * compared with the merchant's payments instead (a lower weight: the merchant's customers
 * differ more than one customer's payments do); with neither, the rule stays quiet.
 */
public final class AmountAnomalyRule implements Rule {

	private final double maxZScore;

	private final double minStdDevLog;

	private final long userMinSamples;

	private final int userWeight;

	private final long merchantMinSamples;

	private final int merchantWeight;

	public AmountAnomalyRule(double maxZScore, double minStdDevLog, long userMinSamples, int userWeight,
			long merchantMinSamples, int merchantWeight) {
		this.maxZScore = maxZScore;
		this.minStdDevLog = minStdDevLog;
		this.userMinSamples = userMinSamples;
		this.userWeight = userWeight;
		this.merchantMinSamples = merchantMinSamples;
		this.merchantWeight = merchantWeight;
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		AmountStats user = context.features().userAmounts();
		if (user.samples() >= this.userMinSamples) {
			return check("amount_anomaly_user", user, context.attempt().amount(), this.userWeight);
		}
		AmountStats merchant = context.features().merchantAmounts();
		if (merchant.samples() >= this.merchantMinSamples) {
			return check("amount_anomaly_merchant", merchant, context.attempt().amount(), this.merchantWeight);
		}
		return Optional.empty();
	}

	private Optional<RiskSignal> check(String code, AmountStats stats, long amount, int weight) {
		double z = stats.zScore(amount, this.minStdDevLog);
		if (z <= this.maxZScore) {
			return Optional.empty();
		}
		return Optional.of(RiskSignal.of(code, String.format(Locale.ROOT, "z %.1f > %.1f", z, this.maxZScore), weight));
	}

}
