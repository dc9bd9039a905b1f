package io.emberpay.auth;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class AuthArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.auth").assertNoCycles();
	}

}
