package io.emberpay.fraud;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class FraudArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.fraud").assertNoCycles();
	}

}
