package io.emberpay.console;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class ConsoleArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.console").assertNoCycles();
	}

}
