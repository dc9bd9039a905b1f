package io.emberpay.subscription;

import java.util.Arrays;

import io.emberpay.testkit.CataloguedErrors;
import org.junit.jupiter.api.Test;

class SubscriptionErrorCatalogueTests {

	@Test
	void everySubscriptionErrorIsInThePublicErrorCatalogue() {
		CataloguedErrors.assertCatalogued("subscription",
				Arrays.stream(SubscriptionError.values())
					.map((error) -> new CataloguedErrors.Declared(error.code(), error.status().value(), error.title()))
					.toList());
	}

}
