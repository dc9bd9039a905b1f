package io.emberpay.fraud.scoring;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import io.emberpay.testkit.CataloguedErrors;
import org.junit.jupiter.api.Test;

class ScoringErrorCatalogueTests {

	@Test
	void everyScoringErrorIsInThePublicErrorCatalogue() {
		CataloguedErrors.assertCatalogued("fraud",
				declared().stream()
					.map((error) -> new CataloguedErrors.Declared(error.code(), error.status().value(), error.title()))
					.toList());
	}

	/**
	 * ScoringError is a record with constants, not an enum: they are its static fields.
	 */
	private static List<ScoringError> declared() {
		return Arrays.stream(ScoringError.class.getDeclaredFields())
			.filter((field) -> Modifier.isStatic(field.getModifiers()) && field.getType() == ScoringError.class)
			.map(ScoringErrorCatalogueTests::value)
			.toList();
	}

	private static ScoringError value(Field field) {
		try {
			return (ScoringError) field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
