package io.emberpay.starter.problem;

import java.util.Arrays;

import io.emberpay.testkit.CataloguedErrors;
import org.junit.jupiter.api.Test;

class CommonErrorCatalogueTests {

	@Test
	void everyCommonErrorIsInThePublicErrorCatalogue() {
		CataloguedErrors.assertCatalogued("common",
				Arrays.stream(CommonError.values())
					.map((error) -> new CataloguedErrors.Declared(error.code(), error.status().value(), error.title()))
					.toList());
	}

}
