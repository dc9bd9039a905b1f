package io.emberpay.notification;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class NotificationArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.notification").assertNoCycles();
	}

}
