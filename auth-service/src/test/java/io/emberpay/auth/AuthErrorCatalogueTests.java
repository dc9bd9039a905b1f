package io.emberpay.auth;

import java.util.Arrays;

import io.emberpay.testkit.CataloguedErrors;
import org.junit.jupiter.api.Test;

class AuthErrorCatalogueTests {

	@Test
	void everyAuthErrorIsInThePublicErrorCatalogue() {
		CataloguedErrors.assertCatalogued("auth",
				Arrays.stream(AuthError.values())
					.map((error) -> new CataloguedErrors.Declared(error.code(), error.status().value(), error.title()))
					.toList());
	}

}
