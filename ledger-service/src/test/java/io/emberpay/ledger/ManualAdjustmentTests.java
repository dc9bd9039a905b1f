package io.emberpay.ledger;

import java.util.List;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManualAdjustmentTests extends LedgerIntegration {

	private String cash;

	private String payable;

	private String euros;

	@BeforeEach
	void openAccounts() {
		String owner = uniqueId("mer");
		this.cash = openAccount("test_cash:" + owner, "USD", "debit", false);
		this.payable = openAccount("merchant_payable:" + owner, "USD", "credit", true);
		this.euros = openAccount("test_cash:" + owner, "EUR", "debit", false);
	}

	@Test
	void postsBalancedAdjustmentAndReplaysItForTheSameKey() {
		var entries = List.of(entry(this.cash, "debit", 500, "USD"), entry(this.payable, "credit", 500, "USD"));
		ApiClient.Response first = adjust("adj-1-" + this.cash, entries);
		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(first.text("id")).startsWith("txn_");
		assertThat(first.text("actor")).isEqualTo("usr_operator");
		assertThat(first.json().get("entries")).hasSize(2);

		ApiClient.Response replay = adjust("adj-1-" + this.cash, entries);
		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.text("id")).isEqualTo(first.text("id"));
		assertThat(balanceOf(this.payable).get("available").asLong()).isEqualTo(500);
	}

	@Test
	void timesEachGroupCommitOfAPosting() {
		String series = "emberpay_ledger_batch_commit_seconds_count{application=\"ledger-service\"}";
		double before = scraped(series).orElse(0);

		assertThat(adjust("adj-timed-" + this.cash,
				List.of(entry(this.cash, "debit", 100, "USD"), entry(this.payable, "credit", 100, "USD")))
			.status()).isEqualTo(201);

		assertThat(scraped(series).orElseThrow()).isGreaterThanOrEqualTo(before + 1);
	}

	@Test
	void refusesADifferentRequestUnderAUsedKey() {
		assertThat(adjust("adj-2-" + this.cash,
				List.of(entry(this.cash, "debit", 500, "USD"), entry(this.payable, "credit", 500, "USD")))
			.status()).isEqualTo(201);
		ApiClient.Response reused = adjust("adj-2-" + this.cash,
				List.of(entry(this.cash, "debit", 600, "USD"), entry(this.payable, "credit", 600, "USD")));
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
	}

	@Test
	void rejectsUnbalancedTransaction() {
		ApiClient.Response response = adjust("bad-1-" + this.cash,
				List.of(entry(this.cash, "debit", 500, "USD"), entry(this.payable, "credit", 499, "USD")));
		assertProblem(response, 400, "transaction_unbalanced");
	}

	@Test
	void rejectsZeroAndNegativeAmounts() {
		assertProblem(
				adjust("bad-2-" + this.cash,
						List.of(entry(this.cash, "debit", 0, "USD"), entry(this.payable, "credit", 0, "USD"))),
				400, "invalid_amount");
		assertProblem(
				adjust("bad-3-" + this.cash,
						List.of(entry(this.cash, "debit", -5, "USD"), entry(this.payable, "credit", -5, "USD"))),
				400, "invalid_amount");
	}

	@Test
	void rejectsMixedCurrencyTransactionThatBalancesOnlyInTotal() {
		ApiClient.Response response = adjust("bad-4-" + this.cash,
				List.of(entry(this.euros, "debit", 500, "EUR"), entry(this.payable, "credit", 500, "USD")));
		assertProblem(response, 400, "transaction_unbalanced");
	}

	@Test
	void rejectsSingleEntryTransaction() {
		assertProblem(adjust("bad-5-" + this.cash, List.of(entry(this.cash, "debit", 500, "USD"))), 400,
				"too_few_entries");
	}

	@Test
	void rejectsEntryInAnotherCurrencyThanItsAccount() {
		assertProblem(
				adjust("bad-6-" + this.cash,
						List.of(entry(this.cash, "debit", 500, "EUR"), entry(this.payable, "credit", 500, "EUR"))),
				400, "currency_mismatch");
	}

	@Test
	void rejectsOverdraftOfNoOverdraftAccount() {
		ApiClient.Response response = adjust("bad-7-" + this.cash,
				List.of(entry(this.payable, "debit", 1, "USD"), entry(this.cash, "credit", 1, "USD")));
		assertProblem(response, 409, "insufficient_funds");
	}

	@Test
	void rejectsMalformedRequests() {
		assertProblem(
				operator().post("/internal/v1/transactions",
						Map.of("entries",
								List.of(entry(this.cash, "debit", 5, "USD"), entry(this.payable, "credit", 5, "USD")))),
				400, "idempotency_key_missing");
		assertProblem(
				adjust("bad-8-" + this.cash,
						List.of(entry("acct_nope", "debit", 5, "USD"), entry(this.payable, "credit", 5, "USD"))),
				400, "unknown_account");
		assertProblem(
				adjust("bad-9-" + this.cash,
						List.of(entry(this.cash, "sideways", 5, "USD"), entry(this.payable, "credit", 5, "USD"))),
				400, "invalid_request");
		assertProblem(operator().post("/internal/v1/transactions", "{\"entries\": [{\"account\": 1.5}]}",
				Map.of("Idempotency-Key", "bad-10")), 400, null);
	}

	@Test
	void onlyOperatorsAdjust() {
		ApiClient.Response response = merchant("mer_x").post("/internal/v1/transactions",
				Map.of("entries",
						List.of(entry(this.cash, "debit", 5, "USD"), entry(this.payable, "credit", 5, "USD"))),
				Map.of("Idempotency-Key", "m-1"));
		assertProblem(response, 403, "forbidden");
		assertProblem(api().post("/internal/v1/transactions", Map.of("entries", List.of()),
				Map.of("Idempotency-Key", "anon-1")), 401, "unauthenticated");
		assertThat(api().withToken(TestTokens.get().user("usr_someone"))
			.get("/v1/ledger/accounts/" + this.payable + "/entries")
			.status()).isEqualTo(404);
	}

	@Test
	void answersBalanceAsOfAPastTimeAndPagesEntriesNewestFirst() {
		ApiClient.Response first = adjust("hist-1-" + this.cash,
				List.of(entry(this.cash, "debit", 100, "USD"), entry(this.payable, "credit", 100, "USD")));
		String firstPostedAt = first.text("posted_at");
		for (int i = 2; i <= 3; i++) {
			assertThat(adjust("hist-" + i + "-" + this.cash,
					List.of(entry(this.cash, "debit", 100, "USD"), entry(this.payable, "credit", 100, "USD")))
				.status()).isEqualTo(201);
		}

		ApiClient.Response then = operator()
			.get("/v1/ledger/accounts/" + this.payable + "/balance?as_of=" + firstPostedAt);
		assertThat(then.json().get("available").asLong()).isEqualTo(100);
		assertThat(balanceOf(this.payable).get("available").asLong()).isEqualTo(300);
		assertThat(operator().get("/v1/ledger/accounts/" + this.payable + "/balance?as_of=2000-01-01T00:00:00Z")
			.json()
			.get("available")
			.asLong()).isZero();
		assertThat(operator().get("/v1/ledger/accounts/" + this.payable + "/balance?as_of=2999-01-01T00:00:00Z")
			.json()
			.get("available")
			.asLong()).isEqualTo(300);
		assertThat(operator().get("/v1/ledger/accounts/" + this.payable + "/balance?as_of=yesterday").status())
			.isEqualTo(400);

		ApiClient.Response page = operator().get("/v1/ledger/accounts/" + this.payable + "/entries?limit=2");
		assertThat(page.json().get("has_more").asBoolean()).isTrue();
		assertThat(page.json().get("data")).hasSize(2);
		String cursor = page.json().get("data").get(1).get("id").asString();
		assertThat(cursor).matches("ent_[1-9][0-9]*_[12]");
		ApiClient.Response rest = operator()
			.get("/v1/ledger/accounts/" + this.payable + "/entries?limit=2&starting_after=" + cursor);
		assertThat(rest.json().get("has_more").asBoolean()).isFalse();
		assertThat(rest.json().get("data")).hasSize(1);
		assertThat(rest.json().get("data").get(0).get("transaction").asString()).isEqualTo(first.text("id"));
		assertThat(operator().get("/v1/ledger/accounts/" + this.payable + "/entries?limit=0").status()).isEqualTo(400);
		for (String malformed : List.of("ent_42", "ent_1_0", "ent_1_101", "ent_99999999999999999999_1", "txn_1")) {
			assertProblem(
					operator().get("/v1/ledger/accounts/" + this.payable + "/entries?starting_after=" + malformed), 400,
					"invalid_request");
		}
	}

	private static void assertProblem(ApiClient.Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		if (code != null) {
			assertThat(response.text("code")).isEqualTo(code);
		}
	}

}
