package io.emberpay.fraud;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin token whose login used no second factor is no operator: every operator
 * endpoint refuses it.
 */
@Tag("security")
class OperatorMfaTests extends FraudIntegrationTest {

	@Test
	void operatorEndpointsRefuseAnAdminTokenWithoutOtp() {
		ApiClient passwordOnly = api().withToken(TestTokens.get()
			.sign(ResourceIds.next("usr"), List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5)));
		String merchant = ResourceIds.next("mer");

		assertMfaRequired(passwordOnly.get("/v1/fraud/audit"));
		assertMfaRequired(passwordOnly.get("/v1/fraud/lists/bin/entries"));
		assertMfaRequired(passwordOnly.get("/v1/fraud/lists/bin/entries/424242"));
		assertMfaRequired(
				passwordOnly.send("PUT", "/v1/fraud/lists/bin/entries/424242", Map.of("action", "block"), Map.of()));
		assertMfaRequired(passwordOnly.delete("/v1/fraud/lists/bin/entries/424242"));
		assertMfaRequired(passwordOnly.get("/v1/fraud/merchants/" + merchant + "/thresholds"));
		assertMfaRequired(passwordOnly.send("PUT", "/v1/fraud/merchants/" + merchant + "/thresholds",
				Map.of("review_at", 50, "decline_at", 80), Map.of()));
		assertThat(passwordOnly.get("/v1/fraud/scores/" + ResourceIds.next("pay")).status()).isEqualTo(403);

		assertThat(operator().get("/v1/fraud/lists/bin/entries").status()).isEqualTo(200);
		assertThat(operator().get("/v1/fraud/merchants/" + merchant + "/thresholds").status()).isEqualTo(200);
	}

	private static void assertMfaRequired(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(response.text("code")).isEqualTo("mfa_required");
	}

}
