package io.emberpay.psp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTests extends AbstractSimulatorTests {

	@Test
	void replaysTheSameAnswerForTheSameKeyAndChargesOnce() {
		String key = newKey();
		Map<String, Object> body = authorization(4200, VISA_OK, newReference("pay"));

		ApiClient.Response first = post("/psp-a/v1/authorizations", key, body);
		ApiClient.Response second = post("/psp-a/v1/authorizations", key, body);

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(stat("psp-a", "authorizations")).isEqualTo(1);
		assertThat(stat("psp-a", "idempotent_replays")).isEqualTo(1);
		assertThat(api().get("/admin/stats").json().get("psp-a").get("amounts").get("USD").get("authorized").asLong())
			.isEqualTo(4200);
	}

	@Test
	void replaysADeclineAsADecline() {
		String key = newKey();
		Map<String, Object> body = authorization(100, "4000000000009995", newReference("pay"));

		post("/psp-a/v1/authorizations", key, body);
		ApiClient.Response replay = post("/psp-a/v1/authorizations", key, body);

		assertThat(replay.text("decline_code")).isEqualTo("insufficient_funds");
		assertThat(stat("psp-a", "declines")).isEqualTo(1);
	}

	@Test
	void refusesTheSameKeyWithADifferentBody() {
		String key = newKey();
		String reference = newReference("pay");
		post("/psp-a/v1/authorizations", key, authorization(100, VISA_OK, reference));

		ApiClient.Response response = post("/psp-a/v1/authorizations", key, authorization(101, VISA_OK, reference));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("code")).isEqualTo("idempotency_key_reused");
		assertThat(stat("psp-a", "authorizations")).isEqualTo(1);
	}

	@Test
	void refusesTheSameKeyOnAnotherOperation() {
		String key = newKey();
		String id = post("/psp-a/v1/authorizations", key, authorization(100, VISA_OK, newReference("pay"))).text("id");

		ApiClient.Response response = post("/psp-a/v1/authorizations/" + id + "/capture", key, null);

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("code")).isEqualTo("idempotency_key_reused");
	}

	@Test
	void capturesAndRefundsOnceWhenRetriedWithTheirKeys() {
		String id = authorize("psp-b", 1000, VISA_OK).text("id");
		String captureKey = newKey();
		String refundKey = newKey();
		Map<String, Object> refund = Map.of("amount", 250, "reference", newReference("re"));

		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(post("/psp-b/v1/authorizations/" + id + "/capture", captureKey, Map.of("amount", 900)).status())
				.isEqualTo(200);
			assertThat(post("/psp-b/v1/authorizations/" + id + "/refunds", refundKey, refund).status()).isEqualTo(200);
		}

		assertThat(stat("psp-b", "captures")).isEqualTo(1);
		assertThat(stat("psp-b", "refunds")).isEqualTo(1);
		assertThat(stat("psp-b", "idempotent_replays")).isEqualTo(4);
		assertThat(api().get("/psp-b/v1/authorizations/" + id).json().get("amount_refunded").asLong()).isEqualTo(250);
	}

	@Test
	void replaysARefusalInsteadOfRunningTheCallAgain() {
		String id = authorize("psp-a", 1000, VISA_OK).text("id");
		String key = newKey();

		ApiClient.Response first = post("/psp-a/v1/authorizations/" + id + "/capture", key, Map.of("amount", 5000));
		ApiClient.Response again = post("/psp-a/v1/authorizations/" + id + "/capture", key, Map.of("amount", 5000));

		assertThat(first.status()).isEqualTo(422);
		assertThat(again.status()).isEqualTo(422);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(api().get("/psp-a/v1/authorizations?idempotency_key=" + key).status()).isEqualTo(404);
	}

	@Test
	void chargesOnceWhenTheSameKeyArrivesConcurrently() throws Exception {
		String key = newKey();
		Map<String, Object> body = authorization(999, VISA_OK, newReference("pay"));
		List<Callable<ApiClient.Response>> calls = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			calls.add(() -> post("/psp-a/v1/authorizations", key, body));
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Future<ApiClient.Response> answer : pool.invokeAll(calls)) {
				statuses.add(answer.get().status());
			}
		}

		assertThat(statuses).isSubsetOf(200, 409).contains(200);
		assertThat(stat("psp-a", "authorizations")).isEqualTo(1);
	}

	@Test
	void capturesOnceWhenDifferentKeysRaceOnOneAuthorization() throws Exception {
		String id = authorize("psp-a", 1000, VISA_OK).text("id");
		List<Callable<ApiClient.Response>> calls = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			calls.add(() -> post("/psp-a/v1/authorizations/" + id + "/capture", newKey(), null));
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Future<ApiClient.Response> answer : pool.invokeAll(calls)) {
				statuses.add(answer.get().status());
			}
		}

		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(11);
		assertThat(stat("psp-a", "captures")).isEqualTo(1);
	}

	@Test
	void requiresAnIdempotencyKeyOnEveryMutatingCall() {
		String id = authorize("psp-a", 1000, VISA_OK).text("id");

		ApiClient.Response authorize = api().post("/psp-a/v1/authorizations",
				authorization(100, VISA_OK, newReference("pay")));
		ApiClient.Response capture = api().post("/psp-a/v1/authorizations/" + id + "/capture", null);
		ApiClient.Response voidHold = api().post("/psp-a/v1/authorizations/" + id + "/void", null);
		ApiClient.Response refund = api().post("/psp-a/v1/authorizations/" + id + "/refunds",
				Map.of("amount", 1, "reference", "re_1"));
		ApiClient.Response tooLong = post("/psp-a/v1/authorizations", "k".repeat(256),
				authorization(100, VISA_OK, newReference("pay")));

		for (ApiClient.Response response : List.of(authorize, capture, voidHold, refund)) {
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.text("code")).isEqualTo("idempotency_key_missing");
		}
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.text("code")).isEqualTo("idempotency_key_invalid");
		assertThat(stat("psp-a", "authorizations")).isEqualTo(1);
	}

}
