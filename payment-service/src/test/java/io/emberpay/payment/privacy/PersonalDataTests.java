package io.emberpay.payment.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.emberpay.testkit.TopicWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user's payment data: auth-service alone reads it for an export; an erasure keeps
 * every payment and amount but nothing that ties them to a person, and shreds saved card
 * numbers.
 */
@PaymentServiceTest
class PersonalDataTests {

	private static final String CANARY_DESCRIPTION = "gift for canary-pay@example.com";

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcClient jdbc;

	private final TopicWriter auth = new TopicWriter();

	@AfterEach
	void close() {
		this.auth.close();
	}

	@Test
	void erasureKeepsAmountsButNothingPersonalAndIsIdempotent() {
		PaymentApi api = new PaymentApi(this.port);
		String user = PaymentApi.newUser();
		String merchant = PaymentApi.newMerchant();
		String card = api.paymentMethod(user, PaymentApi.VISA);
		Map<String, Object> body = PaymentApi.payment(2500, "EUR", merchant, card, "automatic");
		body.put("description", CANARY_DESCRIPTION);
		body.put("metadata", Map.of("note", CANARY_DESCRIPTION));
		body.put("device_id", "dev-canary-phone");
		ApiClient.Response paid = api.pay(user, body);
		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		String payment = paid.text("id");
		ApiClient.Response exported = internal("auth-service").get(path(user));
		assertThat(exported.status()).as(exported.body()).isEqualTo(200);
		assertThat(exported.json().get("payments").get(0).get("description").asString()).isEqualTo(CANARY_DESCRIPTION);
		assertThat(exported.json().get("payment_methods").get(0).get("last4").asString()).isEqualTo("4242");
		assertThat(exported.body()).doesNotContain(PaymentApi.VISA);

		AuthEvent.UserErasureRequested erasure = new AuthEvent.UserErasureRequested(ResourceIds.event(), Instant.now(),
				user);
		this.auth.publish(Topics.AUTH, erasure);
		this.auth.publish(Topics.AUTH, erasure);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("select count(*) from payment where id = ? and ip is null"
						+ " and device_id is null and description is null and metadata = '{}'")
				.param(payment)
				.query(Long.class)
				.single()).isEqualTo(1));
		assertThat(this.jdbc.sql("select amount from payment where id = ?").param(payment).query(Long.class).single())
			.isEqualTo(2500);
		assertThat(this.jdbc.sql("""
				select count(*) from vault.payment_method
				where id = ? and number_ciphertext is null and wrapped_data_key is null and detached_at is not null""")
			.param(card)
			.query(Long.class)
			.single()).as("the card number is shredded").isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from idempotency_key where caller_id = ?")
			.param(user)
			.query(Long.class)
			.single()).isZero();
		assertThat(internal("auth-service").get(path(user)).body()).doesNotContain(CANARY_DESCRIPTION)
			.doesNotContain("dev-canary-phone");
		assertThat(api.user(user).get("/v1/payment_methods").json().get("data").size())
			.as("no saved card is left to charge")
			.isZero();
	}

	@Test
	void onlyAuthServiceMayReadAUsersPersonalData() {
		String path = path(PaymentApi.newUser());
		assertThat(internal("subscription-service").get(path).status()).isEqualTo(403);
		assertThat(new ApiClient("http://localhost:" + this.port).get(path).status()).isEqualTo(401);
		assertThat(internal("auth-service").get(path).json().get("payments").size()).isZero();
	}

	private ApiClient internal(String caller) {
		return new ApiClient("http://localhost:" + this.port)
			.withToken(TestTokens.get().service(caller, "payment-service"));
	}

	private static String path(String user) {
		return "/internal/v1/users/" + user + "/personal_data";
	}

}
