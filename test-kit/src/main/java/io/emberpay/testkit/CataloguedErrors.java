package io.emberpay.testkit;

import java.util.Collection;
import java.util.List;

import io.emberpay.errors.ErrorCatalogue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that a service's error enum and the public error catalogue (event-contracts'
 * {@code catalogue.json}) agree: every code the service can answer is catalogued once
 * with the same status and title, and the catalogue claims no code for the service that
 * it does not have. A code shared by several services is one entry naming them all.
 */
public final class CataloguedErrors {

	private static final String WHERE = "event-contracts/src/main/resources/io/emberpay/errors/catalogue.json";

	private CataloguedErrors() {
	}

	/**
	 * @param source the service as the catalogue's {@code raised_by} names it
	 * @param declared every code of the service's error enum
	 */
	public static void assertCatalogued(String source, Collection<Declared> declared) {
		ErrorCatalogue catalogue = ErrorCatalogue.load();
		assertThat(declared).as("the codes of %s", source).isNotEmpty();
		for (Declared code : declared) {
			assertThat(catalogue.find(code.code())).as("%s (%s) in %s", code.code(), source, WHERE)
				.get()
				.satisfies(
						(entry) -> assertThat(entry.status()).as("status of %s", code.code()).isEqualTo(code.status()))
				.satisfies((entry) -> assertThat(entry.title()).as("title of %s", code.code()).isEqualTo(code.title()))
				.satisfies((entry) -> assertThat(entry.raisedBy()).as("raised_by of %s", code.code()).contains(source));
		}
		List<String> claimed = catalogue.raisedBy(source).stream().map(ErrorCatalogue.Entry::code).toList();
		assertThat(claimed).as("the codes %s says %s answers", WHERE, source)
			.containsExactlyInAnyOrderElementsOf(declared.stream().map(Declared::code).toList());
	}

	/** One code as a service's enum declares it. */
	public record Declared(String code, int status, String title) {
	}

}
