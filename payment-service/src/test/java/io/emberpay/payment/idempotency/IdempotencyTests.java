package io.emberpay.payment.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.payment.support.PlatformStubs;
import io.emberpay.starter.idempotency.IdempotencyScope;
import io.emberpay.starter.idempotency.IdempotencyStore;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PaymentServiceTest
class IdempotencyTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdempotencyStore store;

	@Autowired
	TransactionTemplate transactions;

	PaymentApi api;

	String user;

	String merchant;

	String card;

	@BeforeEach
	void setUp() {
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
		this.merchant = PaymentApi.newMerchant();
		this.card = this.api.paymentMethod(this.user, PaymentApi.VISA);
	}

	@AfterEach
	void clearFaults() {
		PlatformStubs.get().clearFaults();
	}

	private ApiClient.Response pay(String key, long amount) {
		return this.api.user(this.user)
			.post("/v1/payments", PaymentApi.payment(amount, "USD", this.merchant, this.card, "automatic"),
					Map.of("Idempotency-Key", key));
	}

	@Test
	void replaysTheFirstResponseByteForByteWithoutCallingTheAcquirerAgain() {
		String key = UUID.randomUUID().toString();
		ApiClient.Response first = pay(key, 2500);
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		int calls = PlatformStubs.get().authorizationCalls();

		ApiClient.Response replay = pay(key, 2500);
		assertThat(replay.status()).isEqualTo(201);
		assertThat(replay.body()).isEqualTo(first.body());
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.header("Content-Type")).isEqualTo(first.header("Content-Type"));
		assertThat(PlatformStubs.get().authorizationCalls()).isEqualTo(calls);
		assertThat(this.api.user(this.user).get("/v1/payments").json().get("data")).hasSize(1);
	}

	@Test
	void aRetryAfterAFailureThatFollowedThePaymentsCreationAnswersThatPaymentInsteadOfChargingAgain() {
		String caller = PaymentApi.newUser();
		String key = UUID.randomUUID().toString();
		String hash = "a".repeat(64);
		IdempotencyScope first = proceed(caller, key, hash);
		this.transactions.executeWithoutResult(status -> this.store.recordResource(first, "pay_created_then_failed"));

		// the database failed after the acquirer answered: the request ends with a 5xx
		this.store.release(first);

		assertThat(proceed(caller, key, hash).recoveredResource()).isEqualTo("pay_created_then_failed");
	}

	@Test
	void aRetryAfterAFailureBeforeAnythingWasCreatedStartsAfresh() {
		String caller = PaymentApi.newUser();
		String key = UUID.randomUUID().toString();
		String hash = "b".repeat(64);
		IdempotencyScope first = proceed(caller, key, hash);
		this.store.release(first);

		assertThat(proceed(caller, key, hash).recoveredResource()).isNull();
	}

	/** Claims the key for a payment; the claim must let the request proceed. */
	private IdempotencyScope proceed(String caller, String key, String hash) {
		IdempotencyStore.Claim claim = this.store.claim(caller, key, "POST", "/v1/payments", hash);
		assertThat(claim).isInstanceOf(IdempotencyStore.Claim.Proceed.class);
		return ((IdempotencyStore.Claim.Proceed) claim).scope();
	}

	@Test
	void anExpiredKeyIsTakenOverByANewRequestAsIfItWereNew() {
		String key = UUID.randomUUID().toString();
		ApiClient.Response first = pay(key, 2500);
		assertThat(first.status()).isEqualTo(201);
		this.jdbc.sql("update idempotency_key set expires_at = now() - interval '1 second' where idempotency_key = ?")
			.param(key)
			.update();

		ApiClient.Response reused = pay(key, 3100);

		assertThat(reused.status()).as(reused.body()).isEqualTo(201);
		assertThat(reused.header("Idempotent-Replayed")).isNull();
		assertThat(reused.text("id")).isNotEqualTo(first.text("id"));
		ApiClient.Response replay = pay(key, 3100);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.text("id")).isEqualTo(reused.text("id"));
	}

	@Test
	void replaysAFinalDeclineToo() {
		String declined = this.api.paymentMethod(this.user, "4000000000000002");
		Map<String, Object> body = PaymentApi.payment(900, "USD", this.merchant, declined, "automatic");
		Map<String, String> key = PaymentApi.key();
		ApiClient.Response first = this.api.user(this.user).post("/v1/payments", body, key);
		ApiClient.Response replay = this.api.user(this.user).post("/v1/payments", body, key);
		assertThat(first.status()).isEqualTo(402);
		assertThat(replay.status()).isEqualTo(402);
		assertThat(replay.body()).isEqualTo(first.body());
		assertThat(replay.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void refusesTheSameKeyWithADifferentBody() {
		String key = UUID.randomUUID().toString();
		assertThat(pay(key, 2500).status()).isEqualTo(201);
		ApiClient.Response reused = pay(key, 2600);
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
	}

	@Test
	void scopesKeysToTheCaller() {
		String key = UUID.randomUUID().toString();
		ApiClient.Response mine = pay(key, 2500);
		String other = PaymentApi.newUser();
		String otherCard = this.api.paymentMethod(other, PaymentApi.VISA);
		ApiClient.Response theirs = this.api.user(other)
			.post("/v1/payments", PaymentApi.payment(2500, "USD", this.merchant, otherCard, "automatic"),
					Map.of("Idempotency-Key", key));
		assertThat(theirs.status()).isEqualTo(201);
		assertThat(theirs.text("id")).isNotEqualTo(mine.text("id"));
		assertThat(this.api.user(other).get("/v1/idempotency_keys/" + key).json().get("resource").asString())
			.isEqualTo(theirs.text("id"));
	}

	@Test
	@Tag("security")
	void scopesAMerchantsKeysToItsModeSoTestNeverReplaysIntoLive() {
		String key = UUID.randomUUID().toString();
		ApiClient test = this.api.merchant(this.merchant);
		ApiClient live = this.api.anonymous()
			.withToken(TestTokens.get()
				.sign(this.merchant, List.of("merchant"), List.of("api_key"), true, Duration.ofMinutes(5)));
		ApiClient.Response inTest = test.post("/v1/payments/pay_unknown/capture", null, Map.of("Idempotency-Key", key));
		assertThat(inTest.status()).isEqualTo(404);
		assertThat(test.get("/v1/idempotency_keys/" + key).status()).isEqualTo(200);

		ApiClient.Response inLive = live.post("/v1/payments/pay_unknown/capture", null, Map.of("Idempotency-Key", key));

		assertThat(inLive.header("Idempotent-Replayed")).as("live ran the request itself").isNull();
		assertThat(live.get("/v1/idempotency_keys/" + key).status()).isEqualTo(200);
		assertThat(live.get("/v1/idempotency_keys/" + key).text("request_path"))
			.isEqualTo("/v1/payments/pay_unknown/capture");
		assertThat(this.jdbc.sql("select count(*) from idempotency_key where idempotency_key = ?")
			.param(key)
			.query(Long.class)
			.single()).as("one record per mode").isEqualTo(2);
	}

	@Test
	void answersAConcurrentDuplicateWith409() {
		PlatformStubs.get().faults("psp-a", new PlatformStubs.Faults(0, 0, 1.0, 500, false));
		String key = UUID.randomUUID().toString();
		CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(() -> pay(key, 3000));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.jdbc.sql("select count(*) from idempotency_key where idempotency_key = ?")
				.param(key)
				.query(Integer.class)
				.single() == 1);
		ApiClient.Response duplicate = pay(key, 3000);
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.text("code")).isEqualTo("idempotency_request_in_progress");
		assertThat(this.api.user(this.user).get("/v1/idempotency_keys/" + key).text("status")).isEqualTo("in_progress");
		ApiClient.Response original = first.join();
		assertThat(original.status()).isEqualTo(201);
		assertThat(pay(key, 3000).body()).isEqualTo(original.body());
	}

	@Test
	void tellsTheKeysOwnerWhatBecameOfALostResponse() {
		String key = UUID.randomUUID().toString();
		ApiClient.Response response = pay(key, 1800);
		ApiClient.Response status = this.api.user(this.user).get("/v1/idempotency_keys/" + key);
		assertThat(status.status()).isEqualTo(200);
		assertThat(status.text("status")).isEqualTo("completed");
		assertThat(status.json().get("response_status").asInt()).isEqualTo(201);
		assertThat(status.text("resource")).isEqualTo(response.text("id"));
		assertThat(status.text("request_path")).isEqualTo("/v1/payments");
		assertThat(this.api.user(PaymentApi.newUser()).get("/v1/idempotency_keys/" + key).status()).isEqualTo(404);
	}

	@Test
	void aRetryAfterACrashResumesThePaymentTheCrashedRequestCreated() {
		String key = UUID.randomUUID().toString();
		ApiClient.Response original = pay(key, 4100);
		String paymentId = original.text("id");
		// What a crash after the payment committed but before the response was stored
		// leaves.
		this.jdbc.sql("""
				update idempotency_key set status = 'in_progress', response_status = null, response_body = null,
				    lock_token = 'crashed', locked_until = now() - interval '1 second'
				where idempotency_key = ?""").param(key).update();

		ApiClient.Response retry = pay(key, 4100);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.text("id")).isEqualTo(paymentId);
		assertThat(retry.header("Idempotent-Replayed")).isNull();
		assertThat(PlatformStubs.get().authorizationsFor(paymentId)).hasSize(1);
		assertThat(this.api.user(this.user).get("/v1/payments").json().get("data")).hasSize(1);
		assertThat(pay(key, 4100).header("Idempotent-Replayed")).isEqualTo("true");
	}

	@Test
	void aLiveLockIsNotTakenOver() {
		String key = UUID.randomUUID().toString();
		pay(key, 4200);
		this.jdbc.sql("""
				update idempotency_key set status = 'in_progress', lock_token = 'running',
				    locked_until = now() + interval '1 minute' where idempotency_key = ?""").param(key).update();
		assertThat(pay(key, 4200).status()).isEqualTo(409);
	}

	@Test
	void requiresAWellFormedKeyOnMoneyMovingPosts() {
		ApiClient.Response missing = this.api.merchant(this.merchant).post("/v1/refunds", Map.of("payment", "pay_x"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.text("code")).isEqualTo("idempotency_key_missing");
		ApiClient.Response tooLong = this.api.user(this.user)
			.post("/v1/payments", PaymentApi.payment(100, "USD", this.merchant, this.card, "automatic"),
					Map.of("Idempotency-Key", "k".repeat(256)));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(this.api.merchant(this.merchant).post("/v1/payments/pay_x/capture", null).text("code"))
			.isEqualTo("idempotency_key_missing");
	}

}
