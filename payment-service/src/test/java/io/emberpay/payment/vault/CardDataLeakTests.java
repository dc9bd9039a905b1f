package io.emberpay.payment.vault;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.emberpay.events.Topics;
import io.emberpay.payment.psp.adyen.FakeAdyen;
import io.emberpay.payment.psp.stripe.FakeStripe;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the card flows with freshly generated canary card numbers (and the wallet and bank
 * debit flows with canary tokens, IBANs and account numbers), then looks for them
 * everywhere card data could leak: log output, every Kafka topic, every text and binary
 * column of the service's database, and every HTTP response.
 */
@PaymentServiceTest
@ExtendWith(OutputCaptureExtension.class)
class CardDataLeakTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void clearFaults() {
		PlatformStubs.get().clearFaults();
	}

	@Test
	void canaryCardNumbersAppearInNoLogTopicColumnOrResponse(CapturedOutput output) {
		PaymentApi api = new PaymentApi(this.port);
		String visa = canary("4", 16);
		String amex = canary("37", 15);
		String badLuhn = visa.substring(0, 15) + ((visa.charAt(15) - '0' + 1) % 10);
		String user = PaymentApi.newUser();
		String merchant = PaymentApi.newMerchant();
		StringBuilder responses = new StringBuilder();
		try (TopicReader topics = new TopicReader(Topics.PAYMENTS);
				TopicReader others = new TopicReader(Topics.FRAUD)) {
			ApiClient client = api.user(user);
			ApiClient.Response vaulted = client.post("/v1/payment_methods", PaymentApi.card(visa, 11, 2033, "321"));
			ApiClient.Response vaultedAmex = client.post("/v1/payment_methods",
					PaymentApi.card(amex, 10, 2034, "4321"));
			responses.append(vaulted.body()).append(vaultedAmex.body());
			responses.append(client.post("/v1/payment_methods", PaymentApi.card(badLuhn, 11, 2033, "321")).body());
			responses.append(client.post("/v1/payment_methods", PaymentApi.card(visa, 11, 2019, "321")).body());
			responses.append(client.post("/v1/payment_methods", PaymentApi.card(visa, 11, 2033, "32")).body());
			responses.append(
					client
						.post("/v1/payment_methods",
								"{\"type\":\"card\",\"card\":{\"number\":\"" + visa
										+ "\",\"exp_month\":\"x\",\"exp_year\":2033,\"cvc\":\"321\"}}")
						.body());
			responses.append(client
				.post("/v1/payment_methods",
						"{\"type\":\"card\",\"card\":{\"number\":\"" + visa
								+ "\",\"exp_month\":11,\"exp_year\":2033,\"cvc\":\"321\",\"pin\":\"" + visa + "\"}}")
				.body());
			String pm = vaulted.text("id");
			ApiClient.Response automatic = api.pay(user, PaymentApi.payment(2500, "USD", merchant, pm, "automatic"));
			ApiClient.Response manual = api.pay(user,
					PaymentApi.payment(2600, "USD", merchant, vaultedAmex.text("id"), "manual"));
			PlatformStubs.get().fraudDown(true);
			ApiClient.Response fallback = api.pay(user, PaymentApi.payment(2700, "USD", merchant, pm, "automatic"));
			PlatformStubs.get().fraudDown(false);
			// through Stripe too: the number goes to Stripe and nowhere else, and
			// Stripe's keys
			// and a stored Stripe event appear nowhere either
			ApiClient.Response onStripe = api.pay(user, PaymentApi.payment(2800, "USD", "mer_on_stripe", pm, "manual"));
			responses.append(onStripe.body());
			responses.append(api.merchant("mer_on_stripe")
				.post("/v1/payments/" + onStripe.text("id") + "/capture", null, PaymentApi.key())
				.body());
			String event = FakeStripe.get()
				.event("evt_leak" + System.nanoTime(), "payment_intent.succeeded",
						FakeStripe.get().paymentIntentOf(onStripe.text("id")));
			responses.append(api.anonymous()
				.send("POST", "/v1/psp_webhooks/stripe", event,
						Map.of("Stripe-Signature",
								FakeStripe.signatureHeader(event, FakeStripe.WEBHOOK_SECRET,
										java.time.Instant.now().getEpochSecond())))
				.body());
			// and through Adyen: its API key and webhook HMAC key appear nowhere either
			ApiClient.Response onAdyen = api.pay(user, PaymentApi.payment(2900, "EUR", "mer_on_adyen", pm, "manual"));
			responses.append(onAdyen.body());
			responses.append(api.merchant("mer_on_adyen")
				.post("/v1/payments/" + onAdyen.text("id") + "/capture", null, PaymentApi.key())
				.body());
			responses
				.append(api.anonymous()
					.post("/v1/psp_webhooks/adyen", FakeAdyen.authorisation(
							FakeAdyen.get().paymentOf(onAdyen.text("id")).path("pspReference").asString(),
							FakeAdyen.MERCHANT_ACCOUNT, onAdyen.text("id"), 2900, "EUR", true, FakeAdyen.HMAC_KEY))
					.body());
			ApiClient merchantClient = api.merchant(merchant);
			responses.append(automatic.body()).append(manual.body()).append(fallback.body());
			responses
				.append(merchantClient.post("/v1/payments/" + manual.text("id") + "/capture", null, PaymentApi.key())
					.body());
			responses.append(merchantClient
				.post("/v1/refunds", Map.of("payment", automatic.text("id"), "amount", 500), PaymentApi.key())
				.body());
			responses.append(client.get("/v1/payments").body()).append(client.get("/v1/payment_methods").body());

			await().atMost(Duration.ofSeconds(30))
				.until(() -> topics.raw().stream().filter(r -> r.contains(automatic.text("id"))).count() >= 4);
			assertThat(output.getAll()).as("the log capture works").contains(fallback.text("id"));

			assertThat(onStripe.text("status")).as(onStripe.body()).isEqualTo("requires_capture");
			assertThat(onAdyen.text("status")).as(onAdyen.body()).isEqualTo("requires_capture");
			for (String secret : List.of(FakeStripe.SECRET_KEY, FakeStripe.WEBHOOK_SECRET, FakeAdyen.API_KEY,
					FakeAdyen.HMAC_KEY)) {
				assertThat(output.getAll()).doesNotContain(secret);
				assertThat(databaseDump()).doesNotContain(secret);
			}
			for (String number : List.of(visa, amex, badLuhn)) {
				assertThat(responses.toString()).doesNotContain(number);
				assertThat(output.getAll()).doesNotContain(number);
				assertThat(topics.raw()).noneMatch(record -> record.contains(number));
				assertThat(others.raw()).noneMatch(record -> record.contains(number));
				assertThat(databaseDump()).doesNotContain(number);
			}
		}
	}

	@Test
	void canaryIbansAccountNumbersAndWalletTokensAppearInNoLogTopicColumnOrResponse(CapturedOutput output) {
		PaymentApi api = new PaymentApi(this.port);
		String iban = canaryIban();
		String badIban = iban.substring(0, 2) + ((iban.charAt(2) == '9') ? '1' : '9') + iban.substring(3);
		String account = "9" + canaryDigits(11);
		String walletData = "Y2FuYXJ5" + canaryDigits(16);
		String googleMessage = "c2lnbmVk" + canaryDigits(16);
		String user = PaymentApi.newUser();
		String merchant = PaymentApi.newMerchant();
		StringBuilder responses = new StringBuilder();
		try (TopicReader topics = new TopicReader(Topics.PAYMENTS)) {
			ApiClient client = api.user(user);
			ApiClient.Response sepa = client.post("/v1/payment_methods", PaymentApi.sepaDebit(iban));
			ApiClient.Response ach = client.post("/v1/payment_methods",
					PaymentApi.usBankAccount(PaymentApi.ROUTING, account));
			ApiClient.Response apple = client.post("/v1/payment_methods",
					PaymentApi.wallet("apple_pay", PaymentApi.applePayToken(walletData)));
			ApiClient.Response google = client.post("/v1/payment_methods",
					PaymentApi.wallet("google_pay", PaymentApi.googlePayToken(googleMessage)));
			responses.append(sepa.body()).append(ach.body()).append(apple.body()).append(google.body());
			// refused inputs must not echo the secret either
			responses.append(client.post("/v1/payment_methods", PaymentApi.sepaDebit(badIban)).body());
			responses.append(client.post("/v1/payment_methods", PaymentApi.usBankAccount("110000001", account)).body());
			responses.append(client.post("/v1/payment_methods", Map.of("type", "apple_pay", "apple_pay",
					Map.of("token", "{\"paymentData\":\"" + walletData + "\"}")))
				.body());
			responses.append(
					client
						.post("/v1/payment_methods",
								"{\"type\":\"sepa_debit\",\"sepa_debit\":{\"iban\":\"" + iban
										+ "\",\"account_holder_name\":\"J\",\"pin\":\"" + account + "\"}}")
						.body());
			ApiClient.Response debit = api.pay(user,
					PaymentApi.payment(2100, "EUR", merchant, sepa.text("id"), "automatic"));
			ApiClient.Response achDebit = api.pay(user,
					PaymentApi.payment(2200, "USD", merchant, ach.text("id"), "automatic"));
			ApiClient.Response applePaid = api.pay(user,
					PaymentApi.payment(2300, "USD", merchant, apple.text("id"), "automatic"));
			ApiClient.Response googlePaid = api.pay(user,
					PaymentApi.payment(2400, "USD", merchant, google.text("id"), "manual"));
			responses.append(debit.body()).append(achDebit.body()).append(applePaid.body()).append(googlePaid.body());
			String settled = PlatformStubs.get().acquirerUpdate(debit.text("id"), "captured", null, null);
			responses.append(signedWebhook(api, settled).body());
			String returned = PlatformStubs.get().acquirerUpdate(debit.text("id"), "returned", null, "MD01");
			responses.append(signedWebhook(api, returned).body());
			responses.append(client.get("/v1/payments").body()).append(client.get("/v1/payment_methods").body());

			assertThat(client.get("/v1/payments/" + debit.text("id")).text("failure_code")).isEqualTo("no_mandate");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> topics.raw().stream().filter(r -> r.contains(debit.text("id"))).count() >= 4);
			assertThat(PlatformStubs.get().walletTokens()).as("the token did go to the acquirer")
				.anyMatch(token -> token.contains(walletData));
			for (String secret : List.of(iban, badIban, account, walletData, googleMessage)) {
				assertThat(responses.toString()).doesNotContain(secret);
				assertThat(output.getAll()).doesNotContain(secret);
				assertThat(topics.raw()).noneMatch(record -> record.contains(secret));
				assertThat(databaseDump()).doesNotContain(secret);
			}
		}
	}

	private static ApiClient.Response signedWebhook(PaymentApi api, String event) {
		return api.anonymous()
			.send("POST", "/v1/psp_webhooks/psp-a", event,
					Map.of("Simulator-Signature", PlatformStubs.simulatorSignature(event,
							PlatformStubs.SIMULATOR_WEBHOOK_SECRET, java.time.Instant.now().getEpochSecond())));
	}

	/**
	 * A German IBAN (Commerzbank's bank code) with a random account and valid check
	 * digits.
	 */
	private static String canaryIban() {
		String bban = "37040044" + canaryDigits(10);
		for (int check = 2; check < 99; check++) {
			String iban = "DE" + String.format("%02d", check) + bban;
			if (BankAccountNumber.checkDigitsHold(iban)) {
				return iban;
			}
		}
		throw new IllegalStateException("no check digits");
	}

	private static String canaryDigits(int length) {
		StringBuilder digits = new StringBuilder();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (digits.length() < length) {
			digits.append(random.nextInt(10));
		}
		return digits.toString();
	}

	/**
	 * Every text-like and binary column of every table the service owns, as one string.
	 */
	private String databaseDump() {
		List<Map<String, Object>> columns = this.jdbc.sql("""
				select table_schema, table_name, column_name, data_type from information_schema.columns
				where table_schema in ('public', 'vault')
				  and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')""")
			.query()
			.listOfRows();
		assertThat(columns).extracting(c -> c.get("column_name")).contains("number_ciphertext", "metadata");
		StringBuilder dump = new StringBuilder();
		for (Map<String, Object> column : columns) {
			String sql = "select \"" + column.get("column_name") + "\" from \"" + column.get("table_schema") + "\".\""
					+ column.get("table_name") + "\"";
			for (Object value : this.jdbc.sql(sql).query((rs, n) -> rs.getObject(1)).list()) {
				if (value instanceof byte[] bytes) {
					dump.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
				}
				else if (value != null) {
					dump.append(value).append('\n');
				}
			}
		}
		return dump.toString();
	}

	/** A random Luhn-valid number with the prefix: seen nowhere before this test. */
	private static String canary(String prefix, int length) {
		StringBuilder digits = new StringBuilder(prefix);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (digits.length() < length - 1) {
			digits.append(random.nextInt(10));
		}
		for (int check = 0; check < 10; check++) {
			if (CardNumber.passesLuhn(digits.toString() + check)) {
				return digits.toString() + check;
			}
		}
		throw new IllegalStateException("no check digit");
	}

}
