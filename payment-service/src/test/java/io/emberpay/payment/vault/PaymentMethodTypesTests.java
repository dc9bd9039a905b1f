package io.emberpay.payment.vault;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wallets and bank debits in the vault: each answers only its display data, keeps its
 * secret (token, IBAN, account number) only as envelope ciphertext, and bad input is a
 * 400 naming the field, never a 500.
 */
@PaymentServiceTest
class PaymentMethodTypesTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CardVault vault;

	PaymentApi api;

	ApiClient user;

	@BeforeEach
	void api() {
		this.api = new PaymentApi(this.port);
		this.user = this.api.user(PaymentApi.newUser());
	}

	@Test
	void vaultsAnApplePayTokenShowingItsBrandAndLast4AndSealingTheToken() {
		ApiClient.Response response = this.user.post("/v1/payment_methods",
				PaymentApi.wallet("apple_pay", PaymentApi.applePayToken("YXBwbGUtdG9rZW4tZGF0YQ==")));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.text("type")).isEqualTo("apple_pay");
		assertThat(response.json().get("apple_pay").get("brand").asString()).isEqualTo("visa");
		assertThat(response.json().get("apple_pay").get("last4").asString()).isEqualTo("4242");
		assertThat(response.body()).doesNotContain("YXBwbGUtdG9rZW4tZGF0YQ==");
		assertThat(sealed(response.text("id"))).doesNotContain("YXBwbGUtdG9rZW4tZGF0YQ==");
		VaultedCard vaulted = this.vault.find(owner(response), response.text("id"));
		assertThat(this.vault.revealWallet(vaulted).token()).contains("YXBwbGUtdG9rZW4tZGF0YQ==");
	}

	@Test
	void vaultsAGooglePayTokenSentAsTheAppReceivedIt() {
		ApiClient.Response response = this.user.post("/v1/payment_methods",
				PaymentApi.wallet("google_pay", PaymentApi.googlePayToken("c2lnbmVkLW1lc3NhZ2U=")));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("google_pay").get("brand").asString()).isEqualTo("mastercard");
		assertThat(response.json().get("google_pay").get("last4").asString()).isEqualTo("5555");
		assertThat(response.body()).doesNotContain("c2lnbmVkLW1lc3NhZ2U=");
	}

	@Test
	void vaultsASepaDebitWithItsMandateShowingLast4BankAndCountryOnly() {
		ApiClient.Response response = this.user.post("/v1/payment_methods", PaymentApi.sepaDebit(PaymentApi.IBAN));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.text("type")).isEqualTo("sepa_debit");
		assertThat(response.json().get("sepa_debit").get("last4").asString()).isEqualTo("3000");
		assertThat(response.json().get("sepa_debit").get("bank_name").asString()).isEqualTo("Commerzbank");
		assertThat(response.json().get("sepa_debit").get("country").asString()).isEqualTo("DE");
		assertThat(response.json().get("mandate").get("reference").asString()).startsWith("mdt_");
		assertThat(response.json().get("mandate").get("accepted_at").asString()).isEqualTo("2026-12-01T10:00:00Z");
		assertThat(response.json().get("mandate").get("ip").asString()).isEqualTo("203.0.113.7");
		assertThat(response.json().get("mandate").get("user_agent").asString()).isEqualTo("EmberpayApp/3.1 iOS");
		assertThat(response.body()).doesNotContain(PaymentApi.IBAN).doesNotContain("370400440532013000");
		assertThat(sealed(response.text("id"))).doesNotContain(PaymentApi.IBAN);
		assertThat(this.user.get("/v1/payment_methods/" + response.text("id")).body()).doesNotContain(PaymentApi.IBAN);
	}

	@Test
	void vaultsAUsBankAccountShowingLast4AndBank() {
		ApiClient.Response response = this.user.post("/v1/payment_methods",
				PaymentApi.usBankAccount(PaymentApi.ROUTING, "000123456789"));

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("us_bank_account").get("last4").asString()).isEqualTo("6789");
		assertThat(response.json().get("us_bank_account").get("bank_name").asString()).isEqualTo("STRIPE TEST BANK");
		assertThat(response.json().get("us_bank_account").get("country").asString()).isEqualTo("US");
		assertThat(response.body()).doesNotContain("000123456789");
		assertThat(sealed(response.text("id"))).doesNotContain("000123456789");
	}

	@Test
	void refusesAnIbanWhoseCheckDigitsFailNamingTheField() {
		assertBadRequest(PaymentApi.sepaDebit("DE88370400440532013000"), "sepa_debit.iban");
		assertBadRequest(PaymentApi.sepaDebit("DE8937040044053201300"), "sepa_debit.iban");
		assertBadRequest(PaymentApi.sepaDebit("not an iban"), "sepa_debit.iban");
	}

	@Test
	void refusesARoutingNumberWhoseChecksumFails() {
		assertBadRequest(PaymentApi.usBankAccount("110000001", "000123456789"), "us_bank_account.routing_number");
		assertBadRequest(PaymentApi.usBankAccount("11000000", "000123456789"), "us_bank_account.routing_number");
		assertBadRequest(PaymentApi.usBankAccount(PaymentApi.ROUTING, "12"), "us_bank_account.account_number");
	}

	@Test
	void refusesABankDebitWithoutItsMandate() {
		Map<String, Object> noMandate = new HashMap<>(PaymentApi.sepaDebit(PaymentApi.IBAN));
		noMandate.remove("mandate");
		assertBadRequest(noMandate, "mandate");
		Map<String, Object> badTime = new HashMap<>(PaymentApi.sepaDebit(PaymentApi.IBAN));
		badTime.put("mandate", Map.of("accepted_at", "yesterday", "ip", "203.0.113.7", "user_agent", "x"));
		assertBadRequest(badTime, "mandate.accepted_at");
	}

	@Test
	void refusesMalformedWalletTokensNamingTheFieldWithoutQuotingThem() {
		assertBadRequest(Map.of("type", "apple_pay", "apple_pay", Map.of("token", "not json at all")),
				"apple_pay.token");
		assertBadRequest(Map.of("type", "apple_pay", "apple_pay", Map.of()), "apple_pay.token");
		Map<String, Object> noSignature = new HashMap<>(PaymentApi.applePayToken("ZGF0YQ=="));
		noSignature.put("paymentData", Map.of("version", "EC_v1", "data", "ZGF0YQ=="));
		assertBadRequest(PaymentApi.wallet("apple_pay", noSignature), "apple_pay.token.paymentData.signature");
		Map<String, Object> unknownNetwork = new HashMap<>(PaymentApi.googlePayToken("bWVzc2FnZQ=="));
		unknownNetwork.put("info", Map.of("cardNetwork", "MYSTERYCARD", "cardDetails", "1234"));
		assertBadRequest(PaymentApi.wallet("google_pay", unknownNetwork), "google_pay.token.info.cardNetwork");
		ApiClient.Response quoted = this.user.post("/v1/payment_methods",
				Map.of("type", "google_pay", "google_pay", Map.of("token", "{\"secret-canary\": 1}")));
		assertThat(quoted.status()).isEqualTo(400);
		assertThat(quoted.body()).doesNotContain("secret-canary");
	}

	@Test
	void refusesAnUnknownMethodType() {
		assertBadRequest(Map.of("type", "bitcoin"), "type");
		// a body naming the unknown type's own object is refused at that field
		assertBadRequest(Map.of("type", "bitcoin", "bitcoin", Map.of()), "bitcoin");
		assertBadRequest(Map.of("type", "card"), "card");
	}

	private void assertBadRequest(Map<String, Object> body, String param) {
		ApiClient.Response response = this.user.post("/v1/payment_methods", body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.text("param")).as(response.body()).isEqualTo(param);
	}

	private String owner(ApiClient.Response response) {
		return this.jdbc.sql("select user_id from vault.payment_method where id = ?")
			.param(response.text("id"))
			.query(String.class)
			.single();
	}

	/** Every column of the method's row, as stored. */
	private String sealed(String id) {
		return this.jdbc.sql("select * from vault.payment_method where id = ?").param(id).query((rs, n) -> {
			StringBuilder row = new StringBuilder();
			for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
				Object value = rs.getObject(i);
				row.append((value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.ISO_8859_1)
						: String.valueOf(value))
					.append('|');
			}
			return row.toString();
		}).single();
	}

}
