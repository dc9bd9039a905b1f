package io.emberpay.ledger;

import io.emberpay.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

class LedgerArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.ledger").assertNoCycles();
	}

}
