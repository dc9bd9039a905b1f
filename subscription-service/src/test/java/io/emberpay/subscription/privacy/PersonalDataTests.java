package io.emberpay.subscription.privacy;

import java.time.Duration;
import java.time.Instant;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.emberpay.testkit.TopicWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user's subscriptions: auth-service alone reads them for an export; an erasure ends
 * what would charge the erased user and revokes their tiers, once however often it
 * arrives.
 */
@SubscriptionTest
class PersonalDataTests extends SubscriptionApi {

	@Autowired
	JdbcClient jdbc;

	private final TopicWriter auth = new TopicWriter();

	@AfterEach
	void close() {
		this.auth.close();
	}

	@Test
	void erasureEndsLiveSubscriptionsAndRevokesTiersOnce() {
		String merchant = newMerchant();
		String price = price(merchant, product(merchant), 999, "month", 0, "premium");
		String user = newUser();
		ApiClient.Response created = subscribe(user, price, paymentMethod("ok"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		ApiClient.Response exported = internal("auth-service").get(path(user));
		assertThat(exported.status()).as(exported.body()).isEqualTo(200);
		assertThat(exported.json().get("subscriptions").get(0).get("status").asString()).isEqualTo("active");
		assertThat(exported.json().get("invoices").size()).isEqualTo(1);

		AuthEvent.UserErasureRequested erasure = new AuthEvent.UserErasureRequested(ResourceIds.event(), Instant.now(),
				user);
		this.auth.publish(Topics.AUTH, erasure);
		this.auth.publish(Topics.AUTH, erasure);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc.sql("select status from subscription where id = ?")
				.param(created.text("id"))
				.query(String.class)
				.single()).isEqualTo("canceled"));
		assertThat(this.jdbc.sql("select count(*) from entitlement where customer = ? and revoked_at is null")
			.param(user)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from idempotency_key where caller_id = ?")
			.param(user)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from inbox_event where event_id = ?")
			.param(erasure.eventId())
			.query(Long.class)
			.single()).as("handled once").isEqualTo(1);
	}

	@Test
	void onlyAuthServiceMayReadAUsersPersonalData() {
		String path = path(newUser());
		assertThat(internal("payment-service").get(path).status()).isEqualTo(403);
		assertThat(new ApiClient("http://localhost:" + this.port).get(path).status()).isEqualTo(401);
	}

	private ApiClient internal(String caller) {
		return new ApiClient("http://localhost:" + this.port)
			.withToken(TestTokens.get().service(caller, "subscription-service"));
	}

	private static String path(String user) {
		return "/internal/v1/users/" + user + "/personal_data";
	}

}
