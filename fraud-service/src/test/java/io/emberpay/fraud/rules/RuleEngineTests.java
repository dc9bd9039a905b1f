package io.emberpay.fraud.rules;

import java.util.List;
import java.util.Optional;

import io.emberpay.fraud.risk.Decision;
import io.emberpay.fraud.scoring.RiskSignal;
import io.emberpay.fraud.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RuleEngineTests {

	@Test
	void scoreIsTheSumOfFiredWeightsCappedAtHundred() {
		Rule sixty = context -> Optional.of(RiskSignal.of("a", "1 > 0", 60));
		Rule fifty = context -> Optional.of(RiskSignal.of("b", "2 > 1", 50));
		Rule quiet = context -> Optional.empty();

		var assessment = new RuleEngine(List.of(sixty, quiet, fifty)).assess(Contexts.normal().build());

		assertThat(assessment.score()).isEqualTo(100);
		assertThat(assessment.signals()).extracting(RiskSignal::reason).containsExactly("a: 1 > 0", "b: 2 > 1");
		assertThat(new RuleEngine(List.of(quiet)).assess(Contexts.normal().build()).score()).isZero();
	}

	@Test
	void blockBeatsAllowAndAllowBeatsTheScore() {
		Rule allow = context -> Optional.of(new RiskSignal("allowlist_device", "listed", 0, Decision.APPROVE));
		Rule block = context -> Optional.of(new RiskSignal("blocklist_bin", "424242", 100, Decision.DECLINE));
		Rule risky = context -> Optional.of(RiskSignal.of("velocity_card_1m", "9 > 5", 80));

		assertThat(new RuleEngine(List.of(allow, risky)).assess(Contexts.normal().build()).forcedDecision())
			.isEqualTo(Decision.APPROVE);
		assertThat(new RuleEngine(List.of(allow, block)).assess(Contexts.normal().build()).forcedDecision())
			.isEqualTo(Decision.DECLINE);
		assertThat(new RuleEngine(List.of(risky)).assess(Contexts.normal().build()).forcedDecision()).isNull();
	}

	@Test
	void thresholdsDecideAtTheirBoundaries() {
		Thresholds thresholds = new Thresholds(40, 75);

		assertThat(thresholds.decide(39)).isEqualTo(Decision.APPROVE);
		assertThat(thresholds.decide(40)).isEqualTo(Decision.REVIEW);
		assertThat(thresholds.decide(74)).isEqualTo(Decision.REVIEW);
		assertThat(thresholds.decide(75)).isEqualTo(Decision.DECLINE);
		assertThatIllegalArgumentException().isThrownBy(() -> new Thresholds(80, 30));
	}

}
