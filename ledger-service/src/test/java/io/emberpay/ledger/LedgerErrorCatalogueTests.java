package io.emberpay.ledger;

import java.util.Arrays;

import io.emberpay.testkit.CataloguedErrors;
import org.junit.jupiter.api.Test;

class LedgerErrorCatalogueTests {

	@Test
	void everyLedgerErrorIsInThePublicErrorCatalogue() {
		CataloguedErrors.assertCatalogued("ledger",
				Arrays.stream(LedgerError.values())
					.map((error) -> new CataloguedErrors.Declared(error.code(), error.status().value(), error.title()))
					.toList());
	}

}
