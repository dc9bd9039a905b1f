package io.emberpay.psp;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /{psp}/v1/payouts}: a payout is in transit, then paid or failed as its bank
 * account calls for (Stripe's test account numbers), once per key, and a paid payout is a
 * line of the day's settlement report.
 */
class PayoutApiTests extends AbstractSimulatorTests {

	private static final String IBAN = "DE89370400440532013000";

	@Test
	void payoutIsInTransitThenPaidAndReportedInTheSettlementFile() {
		String reference = newReference("po");
		ApiClient.Response taken = post("/psp-a/v1/payouts", newKey(), iban(4_200, reference, IBAN));

		assertThat(taken.status()).as(taken.body()).isEqualTo(200);
		assertThat(taken.text("status")).isEqualTo("in_transit");
		assertThat(taken.text("bank_last4")).isEqualTo("3000");
		assertThat(taken.body()).doesNotContain("0532013000");
		String id = taken.text("id");

		await().atMost(Duration.ofSeconds(15))
			.until(() -> api().get("/psp-a/v1/payouts/" + id).text("status").equals("paid"));

		String report = api().get("/psp-a/v1/settlements/" + LocalDate.now(ZoneOffset.UTC)).body();
		assertThat(report.lines())
			.anySatisfy(line -> assertThat(line).startsWith(id + ",payout," + reference + ",4200,EUR,0,"));
	}

	@Test
	void payoutToAnAccountEndingIn1116FailsWithNoAccountAndIsNotSettled() {
		String reference = newReference("po");
		String id = post("/psp-b/v1/payouts", newKey(),
				Map.of("amount", 900, "currency", "USD", "reference", reference, "destination", Map.of("type", "us_ach",
						"country", "US", "routing_number", "110000000", "account_number", "000111111116")))
			.text("id");

		await().atMost(Duration.ofSeconds(15))
			.until(() -> api().get("/psp-b/v1/payouts/" + id).text("status").equals("failed"));

		assertThat(api().get("/psp-b/v1/payouts/" + id).text("failure_code")).isEqualTo("no_account");
		assertThat(api().get("/psp-b/v1/settlements/" + LocalDate.now(ZoneOffset.UTC)).body()).doesNotContain(id);
	}

	@Test
	void sameKeyAnswersTheSamePayoutAndADifferentBodyIsRefused() {
		String key = newKey();
		Map<String, Object> body = iban(1_000, newReference("po"), IBAN);

		ApiClient.Response first = post("/psp-a/v1/payouts", key, body);
		ApiClient.Response again = post("/psp-a/v1/payouts", key, body);
		ApiClient.Response different = post("/psp-a/v1/payouts", key, iban(1_001, newReference("po"), IBAN));

		assertThat(again.text("id")).isEqualTo(first.text("id"));
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(different.status()).isEqualTo(422);
	}

	@Test
	void operatorDecidesAPayoutInTransitOnceOnly() {
		String id = post("/psp-a/v1/payouts", newKey(), iban(500, newReference("po"), IBAN)).text("id");

		ApiClient.Response failed = api().post("/admin/psp-a/payouts/" + id + "/decide",
				Map.of("status", "failed", "failure_code", "account_frozen"));
		ApiClient.Response again = api().post("/admin/psp-a/payouts/" + id + "/decide", Map.of("status", "paid"));

		assertThat(failed.status()).as(failed.body()).isEqualTo(200);
		assertThat(failed.text("failure_code")).isEqualTo("account_frozen");
		assertThat(again.status()).isEqualTo(409);
		assertThat(api().get("/psp-a/v1/payouts/" + id).text("status")).isEqualTo("failed");
	}

	@Test
	void payoutWithoutItsAccountNumberOrWithANegativeAmountIsRefused() {
		assertThat(post("/psp-a/v1/payouts", newKey(), Map.of("amount", 500, "currency", "EUR", "reference",
				newReference("po"), "destination", Map.of("type", "iban", "country", "DE")))
			.status()).isEqualTo(400);
		assertThat(post("/psp-a/v1/payouts", newKey(), iban(-1, newReference("po"), IBAN)).status()).isEqualTo(400);
		assertThat(api().get("/psp-a/v1/payouts/spo_nope").status()).isEqualTo(404);
	}

	private static Map<String, Object> iban(long amount, String reference, String iban) {
		return Map.of("amount", amount, "currency", "EUR", "reference", reference, "destination",
				Map.of("type", "iban", "country", "DE", "iban", iban));
	}

}
