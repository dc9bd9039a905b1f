package io.emberpay.fraud.scoring;

/**
 * Something that scores a payment attempt. The rules engine is one; a learned model, once
 * one is trained and evaluated in this repository, is another bean of this type and is
 * combined with the rules by {@link ScoringService}.
 */
public interface RiskScorer {

	RiskAssessment assess(RiskContext context);

}
