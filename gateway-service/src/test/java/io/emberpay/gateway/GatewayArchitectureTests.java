package io.emberpay.gateway;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class GatewayArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.gateway").assertNoCycles();
	}

}
