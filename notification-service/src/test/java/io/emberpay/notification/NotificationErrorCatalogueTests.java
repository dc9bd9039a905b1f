package io.emberpay.notification;

import java.util.Arrays;

import io.emberpay.testkit.CataloguedErrors;
import org.junit.jupiter.api.Test;

class NotificationErrorCatalogueTests {

	@Test
	void everyNotificationErrorIsInThePublicErrorCatalogue() {
		CataloguedErrors.assertCatalogued("notification",
				Arrays.stream(NotificationError.values())
					.map((error) -> new CataloguedErrors.Declared(error.code(), error.status().value(), error.title()))
					.toList());
	}

}
