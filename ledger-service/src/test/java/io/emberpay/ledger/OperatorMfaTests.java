package io.emberpay.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin token whose login used no second factor is no operator: every operator
 * endpoint refuses it, and operator reads show it nothing.
 */
@Tag("security")
class OperatorMfaTests extends LedgerIntegration {

	@Test
	void operatorEndpointsRefuseAnAdminTokenWithoutOtp() {
		String account = openAccount("test_cash:" + uniqueId("mer"), "USD", "debit", false);
		String payable = openAccount("merchant_payable:" + uniqueId("mer"), "USD", "credit", false);
		ApiClient passwordOnly = api().withToken(TestTokens.get()
			.sign("usr_operator", List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5)));

		assertMfaRequired(passwordOnly.get("/v1/ledger/integrity"));
		assertMfaRequired(passwordOnly.post("/internal/v1/accounts", Map.of("code", "test_cash:" + uniqueId("mer"),
				"currency", "USD", "normal_side", "debit", "no_overdraft", false)));
		assertMfaRequired(passwordOnly.post("/internal/v1/transactions", Map.of("entries",
				List.of(entry(account, "debit", 1, "USD"), entry(payable, "credit", 1, "USD")), "description", "test"),
				Map.of("Idempotency-Key", uniqueId("adj"))));
		assertMfaRequired(passwordOnly.post("/internal/v1/reconciliations", Map.of()));
		assertMfaRequired(passwordOnly.get("/internal/v1/reconciliation_exceptions"));
		assertThat(passwordOnly.get("/v1/ledger/accounts/" + account).status()).as("an operator read").isEqualTo(404);
		assertThat(operator().get("/v1/ledger/accounts/" + account).status()).isEqualTo(200);
	}

	private static void assertMfaRequired(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(response.text("code")).isEqualTo("mfa_required");
	}

}
