package io.emberpay.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.local.demo.PaymentWalkthrough;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One card payment through the gateway and every service, on the real engines: user and
 * merchant sign-up, card vaulted, fraud-scored, authorized at the PSP simulator,
 * captured, posted to the ledger as balanced double-entry transactions, and delivered as
 * a verifiable signed webhook.
 */
class WalkingSkeletonTests {

	private static RunningPlatform platform;

	@BeforeAll
	static void startPlatform() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void paymentFlowsThroughEveryServiceAndTheLedgerBalances() throws Exception {
		List<String> steps = new ArrayList<>();
		PaymentWalkthrough.Result result = new PaymentWalkthrough(platform.gatewayUrl(), steps::add,
				Duration.ofSeconds(60))
			.run();

		assertThat(result.finalStatus()).isEqualTo("succeeded");
		assertThat(result.webhookSignatureVerified()).isTrue();
		assertThat(result.merchantBalanceUsd()).isPositive().isLessThanOrEqualTo(PaymentWalkthrough.AMOUNT);
		assertThat(steps).hasSize(9);

		// every ledger transaction balances and the hash chain over them is intact
		ApiClient.Response integrity = new ApiClient(platform.topology().service("ledger").url())
			.withToken(platform.checkToken("ledger-service"))
			.get("/internal/v1/integrity");
		assertThat(integrity.status()).isEqualTo(200);
		assertThat(integrity.json().get("ok").asBoolean()).as(integrity.body()).isTrue();
		assertThat(integrity.json().get("transactions_checked").asLong()).isGreaterThanOrEqualTo(2);
	}

}
