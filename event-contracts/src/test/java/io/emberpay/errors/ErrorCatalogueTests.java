package io.emberpay.errors;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ErrorCatalogueTests {

	private static final String CARD_DECLINED = """
			{"code": "card_declined", "status": 402, "title": "Card declined", "raised_by": ["payment"],
			 "retryable": false, "meaning": "The issuer declined.", "client_action": "Offer another card."}""";

	@Test
	void theShippedCatalogueListsEachCodeOnceWithEverythingAClientNeeds() {
		ErrorCatalogue catalogue = ErrorCatalogue.load();

		assertThat(catalogue.entries()).hasSizeGreaterThan(50)
			.extracting(ErrorCatalogue.Entry::code)
			.doesNotHaveDuplicates()
			.contains("card_declined", "idempotency_key_reused", "not_found");
		assertThat(catalogue.find("card_declined")).get()
			.satisfies((entry) -> assertThat(entry.status()).isEqualTo(402))
			.satisfies((entry) -> assertThat(entry.type()).isEqualTo("/errors/card_declined"));
	}

	@Test
	void everyServiceAnswersSomeCodesOfTheCatalogue() {
		ErrorCatalogue catalogue = ErrorCatalogue.load();

		assertThat(ErrorCatalogue.SOURCES)
			.allSatisfy((source) -> assertThat(catalogue.raisedBy(source)).as(source).isNotEmpty());
	}

	@Test
	void aCodeListedTwiceIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> ErrorCatalogue.parse(document(CARD_DECLINED, CARD_DECLINED)))
			.withMessageContaining("card_declined is listed more than once");
	}

	@Test
	void anEntryWithoutAdviceOrWithAnUnknownSourceIsRefused() {
		String noAdvice = CARD_DECLINED.replace("\"Offer another card.\"", "\"\"");
		String unknownSource = CARD_DECLINED.replace("[\"payment\"]", "[\"payments\"]");
		String successStatus = CARD_DECLINED.replace("402", "200");

		assertThatIllegalStateException().isThrownBy(() -> ErrorCatalogue.parse(document(noAdvice)))
			.withMessageContaining("client_action");
		assertThatIllegalStateException().isThrownBy(() -> ErrorCatalogue.parse(document(unknownSource)))
			.withMessageContaining("raised_by");
		assertThatIllegalStateException().isThrownBy(() -> ErrorCatalogue.parse(document(successStatus)))
			.withMessageContaining("not an error status");
	}

	private static String document(String... entries) {
		return "{\"codes\": [" + String.join(",", List.of(entries)) + "]}";
	}

}
