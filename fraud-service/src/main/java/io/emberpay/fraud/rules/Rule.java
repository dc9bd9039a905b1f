package io.emberpay.fraud.rules;

import java.util.Optional;

import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * One risk signal: fires with its weight and the values that made it fire, or stays
 * quiet.
 */
public interface Rule {

	Optional<RiskSignal> evaluate(RiskContext context);

}
