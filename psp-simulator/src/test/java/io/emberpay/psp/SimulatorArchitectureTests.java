package io.emberpay.psp;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class SimulatorArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.psp").assertNoCycles();
	}

}
