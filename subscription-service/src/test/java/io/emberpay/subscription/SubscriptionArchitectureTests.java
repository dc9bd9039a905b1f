package io.emberpay.subscription;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class SubscriptionArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.subscription").assertNoCycles();
	}

}
