package io.emberpay.notification.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import io.emberpay.events.CloudEvent;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.notification.support.Mailbox;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.notification.support.PlatformEvents;
import io.emberpay.notification.support.TestClock;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationTest
class UserNoticeTests {

	private static final Duration PROMPT = Duration.ofSeconds(30);

	@Value("${local.server.port}")
	int port;

	@Autowired
	GreenMail smtp;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	private final PlatformEvents events = new PlatformEvents();

	@AfterEach
	void close() {
		this.events.close();
	}

	private ApiClient user(String id) {
		return new ApiClient("http://localhost:" + this.port).withToken(TestTokens.get().user(id));
	}

	private String signedUpUser() {
		String user = ResourceIds.next("usr");
		this.events.userSignedUp(user, user + "@example.com");
		return user;
	}

	@Test
	@Tag("security")
	void emailsTheUserWhenAFactorThePasswordOrADeviceChanges() {
		String user = signedUpUser();
		String address = user + "@example.com";
		Instant now = Instant.now();
		this.events.publish(Topics.AUTH,
				new AuthEvent.MfaChanged(ResourceIds.event(), now, user, "totp_enrollment_started", "203.0.113.9"));
		this.events.publish(Topics.AUTH,
				new AuthEvent.MfaChanged(ResourceIds.event(), now, user, "totp_disabled", "203.0.113.9"));
		this.events.publish(Topics.AUTH,
				new AuthEvent.PasswordChanged(ResourceIds.event(), now, user, List.of("pwd"), 2, "203.0.113.9"));
		this.events.publish(Topics.AUTH,
				new AuthEvent.DeviceAdded(ResourceIds.event(), now, user, "dev-1", "0".repeat(64), "203.0.113.9"));

		await().atMost(PROMPT).until(() -> Mailbox.of(this.smtp, address).size() == 3);
		assertThat(Mailbox.of(this.smtp, address)).extracting(Mailbox.Mail::subject)
			.containsExactlyInAnyOrder("Two-step verification was turned off for your account",
					"Your password was changed", "A new device signed in to your account");
		assertThat(Mailbox.of(this.smtp, address)).allSatisfy(mail -> assertThat(mail.body()).contains("If not"));
	}

	@Test
	void emailsAReceiptForASucceededPaymentAndPushesIt() {
		String user = signedUpUser();
		PaymentSnapshot payment = PlatformEvents.payment(ResourceIds.next("mer"), user, 1999, "USD");
		CloudEvent event = this.events.publishPayment(PlatformEvents.succeeded(payment));

		await().atMost(PROMPT).until(() -> Mailbox.of(this.smtp, user + "@example.com").size() == 1);
		Mailbox.Mail receipt = Mailbox.of(this.smtp, user + "@example.com").get(0);
		assertThat(receipt.subject()).isEqualTo("Your receipt for 19.99 USD");
		assertThat(receipt.body()).contains(payment.id(), "visa", "4242", "Order 42")
			.doesNotContain("4242424242424242");
		assertThat(receipt.from()).contains("no-reply@emberpay.local");
		await().atMost(PROMPT).until(() -> state(event.id(), user, "push", "payment_receipt").equals("sent"));
	}

	@Test
	void emailsRefundReceiptsFraudAlertsAndLargePaymentAlerts() {
		String user = signedUpUser();
		String address = user + "@example.com";
		PaymentSnapshot large = PlatformEvents.payment(ResourceIds.next("mer"), user, 250_000, "USD");
		this.events.publishPayment(PlatformEvents.succeeded(large));
		this.events.publishPayment(PlatformEvents.refunded(large, 5_000));
		this.events.publish(Topics.FRAUD, PlatformEvents.fraudAlert(large.merchant(), user, 999));

		await().atMost(PROMPT).until(() -> Mailbox.of(this.smtp, address).size() == 4);
		assertThat(Mailbox.of(this.smtp, address)).extracting(Mailbox.Mail::subject)
			.containsExactlyInAnyOrder("Your receipt for 2500.00 USD", "A large payment of 2500.00 USD was made",
					"Your refund of 50.00 USD", "Please check a payment of 9.99 USD");
	}

	@Test
	void followsTheUsersPreferences() {
		String user = signedUpUser();
		ApiClient api = user(user);
		assertThat(api.get("/v1/notification_preferences").json().get("receipts_email").asBoolean()).isTrue();
		ApiClient.Response saved = api.send("PUT", "/v1/notification_preferences",
				Map.of("receipts_email", false, "receipts_push", true, "alerts_email", true, "alerts_push", false),
				Map.of());
		assertThat(saved.status()).isEqualTo(200);
		assertThat(api.get("/v1/notification_preferences").json().get("receipts_email").asBoolean()).isFalse();

		CloudEvent event = this.events.publishPayment(
				PlatformEvents.succeeded(PlatformEvents.payment(ResourceIds.next("mer"), user, 500, "EUR")));
		await().atMost(PROMPT).until(() -> state(event.id(), user, "push", "payment_receipt").equals("sent"));
		assertThat(state(event.id(), user, "email", "payment_receipt")).isEqualTo("none");
		assertThat(Mailbox.of(this.smtp, user + "@example.com")).isEmpty();
	}

	@Test
	void aReceiptWaitsUntilAuthServiceKnowsTheAddressInsteadOfBeingLost() {
		String user = ResourceIds.next("usr");
		CloudEvent event = this.events.publishPayment(
				PlatformEvents.succeeded(PlatformEvents.payment(ResourceIds.next("mer"), user, 700, "JPY")));
		await().atMost(PROMPT).until(() -> attempts(event.id(), user) >= 1);
		assertThat(state(event.id(), user, "email", "payment_receipt")).isEqualTo("pending");

		this.events.userSignedUp(user, user + "@example.com");
		this.clock.advance(Duration.ofMinutes(2));
		await().atMost(PROMPT).until(() -> Mailbox.of(this.smtp, user + "@example.com").size() == 1);
		assertThat(Mailbox.of(this.smtp, user + "@example.com").get(0).subject()).isEqualTo("Your receipt for 700 JPY");
		assertThat(this.jdbc.sql("select count(*) from user_contact where user_id = ?")
			.param(user)
			.query(Integer.class)
			.single()).as("the address asked of auth-service is kept").isEqualTo(1);
	}

	@Test
	void preferencesRefuseBadInputAndOtherPrincipals() {
		ApiClient api = user(ResourceIds.next("usr"));
		assertThat(api.send("PUT", "/v1/notification_preferences", Map.of("receipts_email", false), Map.of()).status())
			.isEqualTo(400);
		assertThat(api
			.send("PUT", "/v1/notification_preferences",
					Map.of("receipts_email", "maybe", "receipts_push", true, "alerts_email", true, "alerts_push", true),
					Map.of())
			.status()).isEqualTo(400);
		assertThat(api
			.send("PUT", "/v1/notification_preferences",
					Map.of("receipts_email", true, "receipts_push", true, "alerts_email", true, "alerts_push", true,
							"sms", true),
					Map.of())
			.status()).isEqualTo(400);
		assertThat(api.send("PUT", "/v1/notification_preferences", "[", Map.of()).status()).isEqualTo(400);
		ApiClient merchant = new ApiClient("http://localhost:" + this.port)
			.withToken(TestTokens.get().merchant(ResourceIds.next("mer")));
		assertThat(merchant.get("/v1/notification_preferences").status()).isEqualTo(403);
		assertThat(new ApiClient("http://localhost:" + this.port).get("/v1/notification_preferences").status())
			.isEqualTo(401);
	}

	private String state(String eventId, String user, String channel, String kind) {
		return this.jdbc.sql("""
				select state from user_notice
				where source_event = ? and recipient = ? and channel = ? and kind = ?""")
			.params(eventId, user, channel, kind)
			.query(String.class)
			.optional()
			.orElse("none");
	}

	private int attempts(String eventId, String user) {
		return this.jdbc
			.sql("select coalesce(max(attempt_count), 0) from user_notice where source_event = ? and recipient = ?")
			.params(eventId, user)
			.query(Integer.class)
			.single();
	}

}
