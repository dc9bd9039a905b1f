package io.emberpay.gateway.problem;

import java.util.Arrays;

import io.emberpay.testkit.CataloguedErrors;
import org.junit.jupiter.api.Test;

class GatewayErrorCatalogueTests {

	@Test
	void everyGatewayErrorIsInThePublicErrorCatalogue() {
		CataloguedErrors.assertCatalogued("gateway",
				Arrays.stream(GatewayError.values())
					.map((error) -> new CataloguedErrors.Declared(error.code(), error.status().value(), error.title()))
					.toList());
	}

}
