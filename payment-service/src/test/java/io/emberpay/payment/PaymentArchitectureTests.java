package io.emberpay.payment;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class PaymentArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.payment").assertNoCycles();
	}

}
