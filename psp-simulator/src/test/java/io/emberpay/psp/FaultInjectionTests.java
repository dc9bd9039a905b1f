package io.emberpay.psp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FaultInjectionTests extends AbstractSimulatorTests {

	@Test
	void answersRoughlyTheConfiguredShareOfCallsWithServerErrorsAndChargesNone() {
		setFaults("psp-a", Map.of("error_rate", 0.3));

		int failed = 0;
		int charged = 0;
		for (int i = 0; i < 200; i++) {
			ApiClient.Response response = authorize("psp-a", 100, VISA_OK);
			if (response.status() == 200) {
				charged++;
			}
			else {
				assertThat(response.status()).isIn(500, 503);
				assertThat(response.text("code")).isIn("internal_error", "psp_unavailable");
				failed++;
			}
		}

		assertThat(failed).isBetween(40, 80);
		assertThat(stat("psp-a", "authorizations")).isEqualTo(charged);
		assertThat(faultCount("psp-a", "errors")).isEqualTo(failed);
		assertThat(authorize("psp-b", 100, VISA_OK).status()).isEqualTo(200);
	}

	@Test
	void refusesEveryCallWhileDownAndRecoversWhenCleared() {
		String id = authorize("psp-b", 100, VISA_OK).text("id");
		setFaults("psp-b", Map.of("down", true));

		ApiClient.Response charge = authorize("psp-b", 100, VISA_OK);
		ApiClient.Response lookup = api().get("/psp-b/v1/authorizations/" + id);

		assertThat(charge.status()).isEqualTo(503);
		assertThat(charge.text("code")).isEqualTo("psp_unavailable");
		assertThat(lookup.status()).isEqualTo(503);
		assertThat(authorize("psp-a", 100, VISA_OK).status()).isEqualTo(200);
		assertThat(stat("psp-b", "authorizations")).isEqualTo(1);
		assertThat(faultCount("psp-b", "refused")).isEqualTo(2);

		assertThat(api().delete("/admin/faults").status()).isEqualTo(204);
		assertThat(authorize("psp-b", 100, VISA_OK).status()).isEqualTo(200);
	}

	@Test
	void holdsTheAnswerPastTheCallerTimeoutThoughTheChargeHappened() throws Exception {
		setFaults("psp-a", Map.of("timeout_rate", 1.0, "hang_ms", 2000));
		String key = newKey();
		String body = "{\"amount\": 1500, \"currency\": \"USD\", \"reference\": \"pay_unknown_1\","
				+ " \"card\": {\"number\": \"4242424242424242\", \"exp_month\": 12, \"exp_year\": 2034}}";

		assertThatThrownBy(() -> sendWithTimeout("/psp-a/v1/authorizations", key, body, Duration.ofMillis(500)))
			.isInstanceOf(HttpTimeoutException.class);

		ApiClient.Response found = await().atMost(Duration.ofSeconds(5))
			.until(() -> api().get("/psp-a/v1/authorizations?idempotency_key=" + key), (r) -> r.status() == 200);
		assertThat(found.text("status")).isEqualTo("authorized");
		assertThat(found.text("reference")).isEqualTo("pay_unknown_1");
		assertThat(stat("psp-a", "authorizations")).isEqualTo(1);
		assertThat(faultCount("psp-a", "timeouts")).isEqualTo(1);

		api().delete("/admin/faults");
		ApiClient.Response retried = post("/psp-a/v1/authorizations", key, body);
		assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retried.text("id")).isEqualTo(found.text("id"));
		assertThat(stat("psp-a", "authorizations")).isEqualTo(1);
	}

	@Test
	void cutsConnectionsSometimesAfterChargingAndTheKeyTellsWhich() {
		setFaults("psp-b", Map.of("reset_rate", 1.0));
		List<String> keys = new ArrayList<>();

		for (int i = 0; i < 12; i++) {
			String key = newKey();
			keys.add(key);
			assertThatThrownBy(
					() -> post("/psp-b/v1/authorizations", key, authorization(100, VISA_OK, newReference("pay"))))
				.isInstanceOf(UncheckedIOException.class);
		}

		long charged = keys.stream()
			.filter((key) -> api().get("/psp-b/v1/authorizations?idempotency_key=" + key).status() == 200)
			.count();
		assertThat(charged).isBetween(1L, 11L);
		assertThat(stat("psp-b", "authorizations")).isEqualTo(charged);
		assertThat(faultCount("psp-b", "resets")).isEqualTo(12);
	}

	@Test
	void delaysEveryCallByTheConfiguredLatency() {
		setFaults("psp-a", Map.of("latency_ms", 300));

		long started = System.nanoTime();
		ApiClient.Response response = authorize("psp-a", 100, VISA_OK);

		assertThat(response.status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void repeatsTheSameFaultsForTheSameSeed() {
		List<Integer> first = statusesWithSeed(7);
		List<Integer> second = statusesWithSeed(7);

		assertThat(second).isEqualTo(first);
		assertThat(first).contains(200).containsAnyOf(500, 503);
	}

	@Test
	void refusesImpossibleFaultSettings() {
		ApiClient.Response overOne = putFaults("psp-a", Map.of("error_rate", 1.5));
		ApiClient.Response sumOverOne = putFaults("psp-a", Map.of("error_rate", 0.6, "timeout_rate", 0.6));
		ApiClient.Response negative = putFaults("psp-a", Map.of("latency_ms", -1));
		ApiClient.Response unknownPsp = putFaults("psp-x", Map.of("down", true));
		ApiClient.Response unknownField = putFaults("psp-a", Map.of("chaos", true));

		assertThat(List.of(overOne, sumOverOne, negative, unknownField)).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.text("code")).isNotBlank();
		});
		assertThat(unknownPsp.status()).isEqualTo(404);
	}

	private List<Integer> statusesWithSeed(long seed) {
		setFaults("psp-a", Map.of("error_rate", 0.5, "seed", seed));
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			statuses.add(authorize("psp-a", 100, VISA_OK).status());
		}
		return statuses;
	}

	private void setFaults(String psp, Map<String, Object> settings) {
		ApiClient.Response response = putFaults(psp, settings);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private ApiClient.Response putFaults(String psp, Map<String, Object> settings) {
		return api().send("PUT", "/admin/faults/" + psp, settings, Map.of());
	}

	private long faultCount(String psp, String fault) {
		return api().get("/admin/stats").json().get(psp).get("faults").get(fault).asLong();
	}

	private HttpResponse<String> sendWithTimeout(String path, String key, String body, Duration timeout)
			throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
				.timeout(timeout)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

}
