package io.emberpay.payment;

import java.util.Arrays;

import io.emberpay.testkit.CataloguedErrors;
import org.junit.jupiter.api.Test;

class PaymentErrorCatalogueTests {

	@Test
	void everyPaymentErrorIsInThePublicErrorCatalogue() {
		CataloguedErrors.assertCatalogued("payment",
				Arrays.stream(PaymentError.values())
					.map((error) -> new CataloguedErrors.Declared(error.code(), error.status().value(), error.title()))
					.toList());
	}

}
