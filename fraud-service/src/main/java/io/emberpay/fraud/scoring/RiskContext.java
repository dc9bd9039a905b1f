package io.emberpay.fraud.scoring;

import io.emberpay.fraud.features.RiskFeatures;
import io.emberpay.fraud.risk.PaymentAttempt;

/** The attempt being scored and the features read for it. */
public record RiskContext(PaymentAttempt attempt, RiskFeatures features) {

}
