package io.emberpay.psp.card;

import io.emberpay.psp.error.PspException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardNumberTests {

	@ParameterizedTest
	@CsvSource({ "4242424242424242, visa", "5555555555554444, mastercard", "2223003122003222, mastercard",
			"378282246310005, amex", "6011111111111117, discover", "3056930009020004, unknown" })
	void acceptsLuhnValidNumbersAndNamesTheirBrand(String number, String brand) {
		CardNumber card = CardNumber.parse(number);

		assertThat(card.brand()).isEqualTo(brand);
		assertThat(card.last4()).isEqualTo(number.substring(number.length() - 4));
	}

	@ParameterizedTest
	@ValueSource(strings = { "4242424242424241", "1234", "42424242424242424242", "4242-4242-4242-4242", "" })
	void refusesInvalidNumbers(String number) {
		assertThatThrownBy(() -> CardNumber.parse(number)).isInstanceOf(PspException.class)
			.hasMessageNotContaining(number.isEmpty() ? "\u0000" : number);
	}

	@Test
	void showsOnlyTheLastFourDigitsWhenPrinted() {
		assertThat(CardNumber.parse("4000056655665556")).hasToString("CardNumber[**** 5556]");
	}

}
