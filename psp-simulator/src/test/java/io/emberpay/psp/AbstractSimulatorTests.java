package io.emberpay.psp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running simulator on a random port shared by every HTTP test class (same
 * annotations, so one Spring context), talked to over real HTTP. Each test starts from an
 * empty state and no faults.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emberpay.psp.faults.seed=20261122", "emberpay.psp.faults.hang=3s",
				"emberpay.psp.settlement.directory=target/test-settlements", "emberpay.psp.disputes.open-delay=100ms" })
public abstract class AbstractSimulatorTests {

	protected static final String VISA_OK = "4242424242424242";

	protected static final String WEBHOOK_SECRET = "sim_whsec_test";

	@Value("${local.server.port}")
	protected int port;

	/** The acquirers' webhooks go to a recorder playing the platform. */
	@DynamicPropertySource
	static void webhooks(DynamicPropertyRegistry registry) {
		registry.add("emberpay.psp.webhooks.url", () -> WebhookRecorder.get().url());
		registry.add("emberpay.psp.webhooks.secret", () -> WEBHOOK_SECRET);
	}

	@BeforeEach
	void startFromEmptyState() {
		assertNoContent(api().delete("/admin/state"));
		assertNoContent(api().delete("/admin/faults"));
	}

	protected ApiClient api() {
		return new ApiClient("http://localhost:" + this.port);
	}

	protected String baseUrl() {
		return "http://localhost:" + this.port;
	}

	protected static String newKey() {
		return "key-" + UUID.randomUUID();
	}

	protected static Map<String, Object> card(String number) {
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("number", number);
		card.put("exp_month", 12);
		card.put("exp_year", 2034);
		card.put("cvc", "123");
		return card;
	}

	protected static Map<String, Object> authorization(long amount, String cardNumber, String reference) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", amount);
		body.put("currency", "USD");
		body.put("card", card(cardNumber));
		body.put("reference", reference);
		return body;
	}

	protected ApiClient.Response post(String path, String key, Object body) {
		return api().post(path, body, Map.of("Idempotency-Key", key));
	}

	protected ApiClient.Response authorize(String psp, long amount, String cardNumber) {
		return post("/" + psp + "/v1/authorizations", newKey(), authorization(amount, cardNumber, newReference("pay")));
	}

	protected static String newReference(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	protected long stat(String psp, String field) {
		return api().get("/admin/stats").json().get(psp).get(field).asLong();
	}

	private static void assertNoContent(ApiClient.Response response) {
		if (response.status() != 204) {
			throw new IllegalStateException("reset failed: " + response.status() + " " + response.body());
		}
	}

}
