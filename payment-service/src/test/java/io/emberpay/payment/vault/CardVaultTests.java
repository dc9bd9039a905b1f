package io.emberpay.payment.vault;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PaymentServiceTest
class CardVaultTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PaymentMethodRepository repository;

	@Autowired
	VaultProperties properties;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	CardVault vault;

	@Autowired
	DetachedCards purge;

	PaymentApi api;

	@BeforeEach
	void api() {
		this.api = new PaymentApi(this.port);
	}

	@Test
	void vaultsCardAndAnswersBrandLast4AndFingerprintButNeverTheNumber() {
		ApiClient.Response response = this.api.user(PaymentApi.newUser())
			.post("/v1/payment_methods", PaymentApi.card("4242424242424242", 12, 2031, "123"));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.text("id")).startsWith("pm_");
		assertThat(response.json().get("card").get("brand").asString()).isEqualTo("visa");
		assertThat(response.json().get("card").get("last4").asString()).isEqualTo("4242");
		assertThat(response.json().get("card").get("exp_month").asInt()).isEqualTo(12);
		assertThat(response.json().get("card").get("fingerprint").asString()).hasSize(32);
		assertThat(response.body()).doesNotContain("4242424242424242").doesNotContain("\"cvc\"");
	}

	@Test
	void sameCardHasSameFingerprintForAnyUser() {
		String first = fingerprint(PaymentApi.newUser(), "5555555555554444");
		String second = fingerprint(PaymentApi.newUser(), "5555555555554444");
		String other = fingerprint(PaymentApi.newUser(), "4242424242424242");
		assertThat(first).isEqualTo(second).isNotEqualTo(other);
	}

	private String fingerprint(String user, String number) {
		return this.api.user(user)
			.post("/v1/payment_methods", PaymentApi.card(number, 1, 2030, "999"))
			.json()
			.get("card")
			.get("fingerprint")
			.asString();
	}

	@Test
	void detectsBrandsAndTheirCvcLengths() {
		String user = PaymentApi.newUser();
		assertThat(brand(user, "378282246310005", "1234")).isEqualTo("amex");
		assertThat(brand(user, "5555555555554444", "123")).isEqualTo("mastercard");
		assertThat(brand(user, "2223003122003222", "123")).isEqualTo("mastercard");
		assertThat(brand(user, "6011111111111117", "123")).isEqualTo("discover");
		assertThat(brand(user, "3566002020360505", "123")).isEqualTo("jcb");
	}

	private String brand(String user, String number, String cvc) {
		ApiClient.Response response = this.api.user(user)
			.post("/v1/payment_methods", PaymentApi.card(number, 6, 2032, cvc));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().get("card").get("brand").asString();
	}

	@Test
	void refusesInvalidCardsWithProblems() {
		ApiClient user = this.api.user(PaymentApi.newUser());
		assertProblem(user.post("/v1/payment_methods", PaymentApi.card("4242424242424241", 12, 2031, "123")),
				"invalid_card_number", "card.number");
		assertProblem(user.post("/v1/payment_methods", PaymentApi.card("42424242424242", 12, 2031, "123")),
				"invalid_card_number", "card.number");
		assertProblem(user.post("/v1/payment_methods", PaymentApi.card("4242 4242 4242 4242", 12, 2031, "123")),
				"invalid_card_number", "card.number");
		assertProblem(user.post("/v1/payment_methods", PaymentApi.card("9999999999999995", 12, 2031, "123")),
				"invalid_card_number", "card.number");
		assertProblem(user.post("/v1/payment_methods", PaymentApi.card("4242424242424242", 1, 2020, "123")),
				"invalid_expiry", "card.exp_year");
		assertProblem(user.post("/v1/payment_methods", PaymentApi.card("4242424242424242", 13, 2031, "123")),
				"invalid_expiry", "card.exp_month");
		assertProblem(user.post("/v1/payment_methods", PaymentApi.card("4242424242424242", 12, 2031, "12")),
				"invalid_cvc", "card.cvc");
		assertProblem(user.post("/v1/payment_methods", PaymentApi.card("378282246310005", 12, 2031, "123")),
				"invalid_cvc", "card.cvc");
		assertProblem(user.post("/v1/payment_methods", "{\"type\":\"card\",\"card\":{\"number\":4242}}"),
				"invalid_request", null);
		assertProblem(user.post("/v1/payment_methods", "{not json"), "malformed_json", null);
	}

	private static void assertProblem(ApiClient.Response response, String code, String param) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text("code")).isEqualTo(code);
		if (param != null) {
			assertThat(response.text("param")).isEqualTo(param);
		}
		assertThat(response.body()).doesNotContain("4242424242424241").doesNotContain("378282246310005");
	}

	@Test
	void listsAndDetachesOnlyTheOwnersPaymentMethods() {
		String owner = PaymentApi.newUser();
		String first = this.api.paymentMethod(owner, "4242424242424242");
		String second = this.api.paymentMethod(owner, "5555555555554444");
		ApiClient.Response page = this.api.user(owner).get("/v1/payment_methods?limit=1");
		assertThat(page.json().get("data").get(0).get("id").asString()).isEqualTo(second);
		assertThat(page.json().get("has_more").asBoolean()).isTrue();
		ApiClient.Response next = this.api.user(owner).get("/v1/payment_methods?limit=1&starting_after=" + second);
		assertThat(next.json().get("data").get(0).get("id").asString()).isEqualTo(first);
		assertThat(next.json().get("has_more").asBoolean()).isFalse();

		ApiClient stranger = this.api.user(PaymentApi.newUser());
		assertThat(stranger.get("/v1/payment_methods/" + first).status()).isEqualTo(404);
		assertThat(stranger.delete("/v1/payment_methods/" + first).status()).isEqualTo(404);
		assertThat(this.api.merchant(PaymentApi.newMerchant()).get("/v1/payment_methods").status()).isEqualTo(403);

		assertThat(this.api.user(owner).delete("/v1/payment_methods/" + first).status()).isEqualTo(204);
		assertThat(this.api.user(owner).get("/v1/payment_methods/" + first).status()).isEqualTo(404);
		assertThat(this.api.user(owner).get("/v1/payment_methods").json().get("data")).hasSize(1);
	}

	@Test
	void storesNumberOnlyAsCiphertextUnderAVersionedKey() {
		String id = this.api.paymentMethod(PaymentApi.newUser(), "4242424242424242");
		Map<String, Object> row = this.jdbc
			.sql("select number_ciphertext, wrapped_data_key, kek_version from vault.payment_method where id = ?")
			.param(id)
			.query()
			.singleRow();
		assertThat(new String((byte[]) row.get("number_ciphertext"), StandardCharsets.ISO_8859_1))
			.doesNotContain("4242424242424242");
		assertThat((byte[]) row.get("wrapped_data_key")).hasSize(12 + 32 + 16);
		assertThat(row.get("kek_version")).isEqualTo(1);
	}

	@Test
	void rotatingTheKeyEncryptionKeyRewrapsDataKeysAndOldRecordsStillDecrypt() {
		String user = PaymentApi.newUser();
		String id = this.api.paymentMethod(user, "5555555555554444");
		VaultedCard card = this.vault.find(user, id);

		Map<Integer, String> keys = new HashMap<>(this.properties.keyEncryptionKeys());
		VaultProperties rotated = new VaultProperties(keys, 2, this.properties.fingerprintKey(), Duration.ofMinutes(1),
				10, 100, Duration.ofMinutes(5), Duration.ofHours(1));
		EnvelopeCipher rotatedCipher = new EnvelopeCipher(rotated);
		CardVault rotatedVault = new CardVault(this.repository, rotatedCipher,
				new CvcHold(Duration.ofMinutes(1), 10, Clock.systemUTC()), Clock.systemUTC());
		// Before the re-wrap the new key ring still reads records wrapped under version
		// 1.
		assertThat(rotatedVault.reveal(card, false).number()).isEqualTo("5555555555554444");

		int moved = new KeyRotation(this.repository, rotatedCipher, this.transactions, rotated).rewrapAll();
		assertThat(moved).isPositive();
		assertThat(this.jdbc.sql("select kek_version from vault.payment_method where id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(rotatedVault.reveal(card, false).number()).isEqualTo("5555555555554444");
		assertThat(rotatedVault.reveal(card, false).toString()).doesNotContain("5555");
		// Put the shared test database back under the running context's active key.
		VaultProperties back = new VaultProperties(keys, 1, this.properties.fingerprintKey(), Duration.ofMinutes(1), 10,
				100, Duration.ofMinutes(5), Duration.ofHours(1));
		new KeyRotation(this.repository, new EnvelopeCipher(back), this.transactions, back).rewrapAll();
		assertThat(this.vault.reveal(card, false).number()).isEqualTo("5555555555554444");
	}

	@Test
	@Tag("security")
	void deletesTheNumberOfADetachedCardAfterTheRetention() {
		String user = PaymentApi.newUser();
		String detached = this.api.paymentMethod(user, "4242424242424242");
		String kept = this.api.paymentMethod(user, "5555555555554444");
		assertThat(this.api.user(user).delete("/v1/payment_methods/" + detached).status()).isEqualTo(204);
		this.jdbc.sql("update vault.payment_method set detached_at = now() - interval '2 hours' where id = ?")
			.param(detached)
			.update();

		this.purge.purge();

		assertThat(this.jdbc
			.sql("select count(*) from vault.payment_method where id = ? and number_ciphertext is null"
					+ " and wrapped_data_key is null and last4 = '4242'")
			.param(detached)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.vault.reveal(this.vault.find(user, kept), false).number()).isEqualTo("5555555555554444");
	}

	@Test
	void forgetsAnExpiredCvcWithoutWaitingForTheHoldToFill() {
		MutableClock clock = new MutableClock();
		CvcHold hold = new CvcHold(Duration.ofMinutes(10), 100, clock);
		hold.hold("pm_1", "123");
		clock.advance(Duration.ofMinutes(11));

		hold.forgetExpired();

		assertThat(hold.size()).isZero();
	}

	@Test
	void handsOutTheCvcOnceForTheFirstAuthorizationOnly() {
		String user = PaymentApi.newUser();
		String id = this.api.paymentMethod(user, "4242424242424242");
		VaultedCard card = this.vault.find(user, id);
		assertThat(this.vault.reveal(card, true).cvc()).isEqualTo("123");
		assertThat(this.vault.reveal(card, true).cvc()).isNull();
	}

	/** A clock a test moves by hand. */
	private static final class MutableClock extends Clock {

		private Instant now = Instant.now();

		void advance(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
