package io.emberpay.starter;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class StarterArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.starter").assertNoCycles();
	}

}
