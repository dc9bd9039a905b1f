package io.emberpay.fraud;

import java.util.Map;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructureInitializer;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A freshly started instance (no warm caches, nothing in memory) on the same database
 * sees the history the first instance recorded: a restart or a second replica loses
 * nothing.
 */
class HistorySurvivesRestartTests extends FraudIntegrationTest {

	@Test
	void freshInstanceSeesVelocityRecordedBeforeItStarted() {
		Map<String, Object> request = normalRequest();
		for (int i = 0; i < 5; i++) {
			request = nextPayment(request);
			assertThat(score(request).text("decision")).isEqualTo("approve");
		}

		try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(FraudApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.properties("server.port=0", "emberpay.inbox.enabled=false")
			.run()) {
			ApiClient fresh = new ApiClient(
					"http://localhost:" + restarted.getEnvironment().getProperty("local.server.port"))
				.withToken(TestTokens.get().service("payment-service", "fraud-service"));

			ApiClient.Response response = fresh.post("/internal/v1/scores", nextPayment(request));

			assertThat(response.json().get("fallback").asBoolean()).isFalse();
			assertThat(response.json().get("reasons").toString()).contains("velocity_card_1m: 6 > 5",
					"velocity_user_1m: 6 > 5");
			assertThat(response.text("decision")).isEqualTo("decline");
		}
	}

}
