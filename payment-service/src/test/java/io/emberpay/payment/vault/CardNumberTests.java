package io.emberpay.payment.vault;

import io.emberpay.starter.problem.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardNumberTests {

	@Test
	void acceptsLuhnValidNumbersOfTheirBrandsLength() {
		assertThat(CardNumber.parse("4111111111111111").brand()).isEqualTo(CardBrand.VISA);
		assertThat(CardNumber.parse("4222222222222").brand()).isEqualTo(CardBrand.VISA);
		assertThat(CardNumber.parse("371449635398431").brand()).isEqualTo(CardBrand.AMEX);
		assertThat(CardNumber.parse("36227206271667").brand()).isEqualTo(CardBrand.DINERS);
		assertThat(CardNumber.parse("6200000000000005").brand()).isEqualTo(CardBrand.UNIONPAY);
	}

	@Test
	void refusesBadChecksumWrongLengthAndNonDigits() {
		assertThatThrownBy(() -> CardNumber.parse("4111111111111112")).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> CardNumber.parse("37144963539843")).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> CardNumber.parse("4111-1111-1111-1111")).isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> CardNumber.parse("")).isInstanceOf(ApiException.class);
	}

	@Test
	void neverShowsTheNumberInTextOrErrors() {
		assertThat(CardNumber.parse("4111111111111111").toString()).isEqualTo("visa ending 1111");
		assertThatThrownBy(() -> CardNumber.parse("4111111111111112")).message().doesNotContain("4111111111111112");
	}

}
