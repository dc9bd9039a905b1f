package io.emberpay.payment.vault;

import io.emberpay.starter.problem.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BankAccountNumberTests {

	@Test
	void acceptsIbansWithTheirCountrysLengthAndMatchingCheckDigits() {
		BankAccountNumber german = BankAccountNumber.iban("de89 3704 0044 0532 0130 00", "iban");
		BankAccountNumber british = BankAccountNumber.iban("GB82WEST12345698765432", "iban");

		assertThat(german.country()).isEqualTo("DE");
		assertThat(german.last4()).isEqualTo("3000");
		assertThat(german.secret()).isEqualTo("DE89370400440532013000");
		assertThat(british.country()).isEqualTo("GB");
	}

	@Test
	void refusesAnIbanWithATypoBecauseItsCheckDigitsNoLongerMatch() {
		assertThatThrownBy(() -> BankAccountNumber.iban("DE89370400440532013001", "bank_account.iban"))
			.isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.param()).isEqualTo("bank_account.iban"))
			.hasMessageContaining("check digits");
		assertThat(BankAccountNumber.checkDigitsHold("DE88370400440532013000")).isFalse();
	}

	@Test
	void refusesAnIbanOfTheWrongLengthForItsCountryOrOfAnUnknownCountry() {
		assertThatThrownBy(() -> BankAccountNumber.iban("DE8937040044053201300", "iban"))
			.hasMessageContaining("22 characters");
		assertThatThrownBy(() -> BankAccountNumber.iban("ZZ89370400440532013000", "iban"))
			.hasMessageContaining("not accepted");
		assertThatThrownBy(() -> BankAccountNumber.iban("not an iban", "iban")).isInstanceOf(ApiException.class);
	}

	@Test
	void acceptsUsRoutingNumbersWhoseAbaChecksumHoldsAndNoOther() {
		BankAccountNumber account = BankAccountNumber.usAch("110000000", "000123456789", "bank_account");

		assertThat(account.routingNumber()).isEqualTo("110000000");
		assertThat(account.last4()).isEqualTo("6789");
		assertThat(BankAccountNumber.abaChecksumHolds("021000021")).isTrue();
		assertThat(BankAccountNumber.abaChecksumHolds("110000001")).isFalse();
		assertThatThrownBy(() -> BankAccountNumber.usAch("110000001", "000123456789", "bank_account"))
			.isInstanceOfSatisfying(ApiException.class,
					ex -> assertThat(ex.param()).isEqualTo("bank_account.routing_number"));
		assertThatThrownBy(() -> BankAccountNumber.usAch("110000000", "12a", "bank_account")).isInstanceOfSatisfying(
				ApiException.class, ex -> assertThat(ex.param()).isEqualTo("bank_account.account_number"));
	}

	@Test
	void printsOnlyTheLastFourDigits() {
		BankAccountNumber account = BankAccountNumber.iban("DE89370400440532013000", "iban");

		assertThat(account.toString()).isEqualTo("IBAN ****3000");
		assertThat(new BankAccountSecret("iban", "DE", null, "DE89370400440532013000").toString())
			.doesNotContain("0532013000");
	}

}
