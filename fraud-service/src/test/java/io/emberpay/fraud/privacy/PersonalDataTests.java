package io.emberpay.fraud.privacy;

import java.time.Instant;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.fraud.FraudIntegrationTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What fraud-service knows of a user: auth-service alone reads it for an export; an
 * erasure leaves the scored attempts as anonymous counts without device, address or
 * location.
 */
class PersonalDataTests extends FraudIntegrationTest {

	@Test
	void erasureAnonymisesTheUsersAttemptsOnce() {
		Map<String, Object> request = normalRequest();
		String user = (String) request.get("user");
		String device = (String) request.get("device_id");
		assertThat(score(request).status()).isEqualTo(200);
		ApiClient.Response exported = asService("auth-service").get(path(user));
		assertThat(exported.status()).as(exported.body()).isEqualTo(200);
		assertThat(exported.json().get("payment_attempts").get(0).get("device_id").asString()).isEqualTo(device);

		AuthEvent.UserErasureRequested erasure = new AuthEvent.UserErasureRequested(ResourceIds.event(), Instant.now(),
				user);
		publish(Topics.AUTH, erasure);
		publish(Topics.AUTH, erasure);

		await().atMost(patience()).until(() -> consumed(erasure.eventId()));
		assertThat(this.jdbc.sql("""
				select count(*) from payment_attempt
				where payment_id = ? and user_id is null and device_id is null and ip is null and latitude is null""")
			.param(request.get("payment"))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from payment_attempt where device_id = ? or user_id = ?")
			.params(device, user)
			.query(Long.class)
			.single()).isZero();
		assertThat(asService("auth-service").get(path(user)).json().get("payment_attempts").size()).isZero();
	}

	@Test
	void onlyAuthServiceMayReadAUsersPersonalData() {
		String path = path(ResourceIds.next("usr"));
		assertThat(asService("payment-service").get(path).status()).isEqualTo(403);
		assertThat(api().get(path).status()).isEqualTo(401);
	}

	private ApiClient asService(String caller) {
		return api().withToken(TestTokens.get().service(caller, "fraud-service"));
	}

	private static String path(String user) {
		return "/internal/v1/users/" + user + "/personal_data";
	}

}
