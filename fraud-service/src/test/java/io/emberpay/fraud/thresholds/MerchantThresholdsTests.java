package io.emberpay.fraud.thresholds;

import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.fraud.FraudIntegrationTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MerchantThresholdsTests extends FraudIntegrationTest {

	@Test
	void merchantThresholdsChangeTheDecisionAndAreAudited() {
		Map<String, Object> request = normalRequest();
		request.put("ip", "198.51.100.77");
		String merchant = (String) request.get("merchant");
		assertThat(score(request).text("decision")).isEqualTo("approve");

		ApiClient admin = operator();
		assertThat(admin.get("/v1/fraud/merchants/" + merchant + "/thresholds").json().get("is_default").asBoolean())
			.isTrue();
		ApiClient.Response put = admin.send("PUT", "/v1/fraud/merchants/" + merchant + "/thresholds",
				Map.of("review_at", 10, "decline_at", 20), Map.of());
		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().get("decline_at").asInt()).isEqualTo(20);

		ApiClient.Response strict = score(nextPayment(request));
		assertThat(strict.json().get("score").asInt()).isEqualTo(20);
		assertThat(strict.text("decision")).isEqualTo("decline");
		assertThat(this.jdbc
			.sql("select detail from operator_audit where action = 'merchant_thresholds.put' and target = ?")
			.param(merchant)
			.query(String.class)
			.single()).isEqualTo("review_at 40 -> 10, decline_at 75 -> 20");
	}

	@Test
	void refusesNonOperatorsAndInconsistentThresholds() {
		String merchant = ResourceIds.next("mer");
		ApiClient admin = operator();
		ApiClient merchantClient = api().withToken(TestTokens.get().merchant(merchant));

		assertThat(merchantClient
			.send("PUT", "/v1/fraud/merchants/" + merchant + "/thresholds", Map.of("review_at", 90, "decline_at", 99),
					Map.of())
			.status()).isEqualTo(403);
		ApiClient.Response inverted = admin.send("PUT", "/v1/fraud/merchants/" + merchant + "/thresholds",
				Map.of("review_at", 80, "decline_at", 30), Map.of());
		assertThat(inverted.status()).isEqualTo(400);
		assertThat(inverted.text("param")).isEqualTo("review_at");
		assertThat(admin
			.send("PUT", "/v1/fraud/merchants/" + merchant + "/thresholds", Map.of("review_at", 0, "decline_at", 101),
					Map.of())
			.status()).isEqualTo(400);
		assertThat(admin.get("/v1/fraud/merchants/not-a-merchant/thresholds").status()).isEqualTo(400);
	}

}
