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
import io.emberpay.notification.support.AuthStub;
import io.emberpay.notification.support.Mailbox;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.notification.support.PlatformEvents;
import io.emberpay.notification.support.WebhookReceiver;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Account mails and personal data: reset and verification links go out (queued and
 * retried like every notice) with a token minted as the mail is sent, resting in no table
 * and no log; an erasure leaves nothing of the user here; the export part is
 * auth-service's alone to ask for.
 */
@NotificationTest
@ExtendWith(OutputCaptureExtension.class)
class AccountDataTests {

	private static final Duration PROMPT = Duration.ofSeconds(30);

	@Value("${local.server.port}")
	int port;

	@Autowired
	GreenMail smtp;

	@Autowired
	JdbcClient jdbc;

	private final PlatformEvents events = new PlatformEvents();

	private WebhookReceiver receiver;

	@AfterEach
	void close() {
		this.events.close();
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@Test
	void aResetLinkIsMailedWithItsTokenOnlyInTheMail(CapturedOutput output) {
		String user = ResourceIds.next("usr");
		String address = "reset-" + user + "@example.com";
		this.events.userSignedUp(user, address);
		String link = ResourceIds.next("alk");
		AuthStub.get().link(link, user, "password_reset");

		this.events.publish(Topics.AUTH,
				new AuthEvent.PasswordResetRequested(ResourceIds.event(), Instant.now(), user, link, "203.0.113.9"));

		await().atMost(PROMPT).until(() -> Mailbox.of(this.smtp, address).size() == 1);
		Mailbox.Mail mail = Mailbox.of(this.smtp, address).get(0);
		String token = AuthStub.get().tokens(link).get(0);
		assertThat(mail.subject()).isEqualTo("Reset your Emberpay password");
		assertThat(mail.body()).contains("https://app.emberpay.test/reset-password#token=" + token)
			.containsPattern("expires at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
		assertThat(tablesMentioning(token)).as("the token rests in no table").isEmpty();
		assertThat(tablesMentioning(link)).as("the notice names the link only").containsExactly("user_notice");
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void aVerificationLinkIsMailedAndALinkAuthNoLongerIssuesMailsNothing() {
		String user = ResourceIds.next("usr");
		String address = "verify-" + user + "@example.com";
		this.events.userSignedUp(user, address);
		String gone = ResourceIds.next("alk");
		String link = ResourceIds.next("alk");
		AuthStub.get().link(link, user, "email_verification");

		CloudEvent stale = this.events.publish(Topics.AUTH,
				new AuthEvent.PasswordResetRequested(ResourceIds.event(), Instant.now(), user, gone, null));
		this.events.publish(Topics.AUTH,
				new AuthEvent.EmailVerificationRequested(ResourceIds.event(), Instant.now(), user, link, null));

		await().atMost(PROMPT).until(() -> Mailbox.of(this.smtp, address).size() == 1);
		assertThat(Mailbox.of(this.smtp, address).get(0).subject()).isEqualTo("Confirm your e-mail address");
		assertThat(Mailbox.of(this.smtp, address).get(0).body())
			.contains("https://app.emberpay.test/verify-email#token=" + AuthStub.get().tokens(link).get(0));
		await().atMost(PROMPT)
			.untilAsserted(() -> assertThat(
					this.jdbc.sql("select state from user_notice where source_event = ? and kind = 'password_reset'")
						.param(stale.id())
						.query(String.class)
						.single())
				.as("a link auth-service no longer issues is done with, not retried")
				.isEqualTo("sent"));
		assertThat(Mailbox.of(this.smtp, address)).hasSize(1);
	}

	@Test
	void aTeamInvitationIsMailedWithTheConsoleLinkAndItsTokenOnlyInTheMail(CapturedOutput output) {
		String invitation = ResourceIds.next("inv");
		String address = "invitee-" + invitation + "@example.com";
		AuthStub.get().invitation(invitation, address, "Ada's Books", "view_only");
		String gone = ResourceIds.next("inv");

		CloudEvent stale = this.events.publish(Topics.AUTH, new AuthEvent.MemberInvited(ResourceIds.event(),
				Instant.now(), ResourceIds.next("mer"), gone, "admin", "usr_admin", "203.0.113.9"));
		this.events.publish(Topics.AUTH, new AuthEvent.MemberInvited(ResourceIds.event(), Instant.now(),
				ResourceIds.next("mer"), invitation, "view_only", "usr_admin", "203.0.113.9"));

		await().atMost(PROMPT).until(() -> Mailbox.of(this.smtp, address).size() == 1);
		Mailbox.Mail mail = Mailbox.of(this.smtp, address).get(0);
		String token = AuthStub.get().tokens(invitation).get(0);
		assertThat(mail.subject()).isEqualTo("You are invited to Ada's Books on Emberpay");
		assertThat(mail.body()).contains("https://dashboard.emberpay.test/console/invitations/" + token)
			.contains("as view only")
			.containsPattern("expires at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
		assertThat(tablesMentioning(token)).as("the token rests in no table").isEmpty();
		assertThat(tablesMentioning(address)).as("nor the invited address").isEmpty();
		assertThat(tablesMentioning(invitation)).as("the notice names the invitation only")
			.containsExactly("user_notice");
		// the test SMTP server (GreenMail) logs the addresses it receives for; our code
		// logs neither
		assertThat(output.getAll()).doesNotContain(token);
		await().atMost(PROMPT)
			.untilAsserted(() -> assertThat(
					this.jdbc.sql("select state from user_notice where source_event = ? and kind = 'member_invitation'")
						.param(stale.id())
						.query(String.class)
						.single())
				.as("an invitation auth-service no longer issues is done with, not retried")
				.isEqualTo("sent"));
	}

	@Test
	void erasureLeavesNothingOfTheUserHere() {
		String user = ResourceIds.next("usr");
		String canary = "canary-" + user + "@example.com";
		this.events.userSignedUp(user, canary);
		ApiClient api = new ApiClient("http://localhost:" + this.port).withToken(TestTokens.get().user(user));
		assertThat(api
			.send("PUT", "/v1/notification_preferences",
					Map.of("receipts_email", true, "receipts_push", true, "alerts_email", true, "alerts_push", false),
					Map.of())
			.status()).isEqualTo(200);
		String merchant = ResourceIds.next("mer");
		// the attempt log keeps what was sent, the payment's device context included
		WebhookReceiver receiver = new WebhookReceiver();
		this.receiver = receiver;
		assertThat(new ApiClient("http://localhost:" + this.port).withToken(TestTokens.get().merchant(merchant))
			.post("/v1/webhook_endpoints", Map.of("url", receiver.url(), "events", List.of("payment.succeeded")))
			.status()).isEqualTo(201);
		this.events.publishPayment(PlatformEvents.succeeded(PlatformEvents.payment(merchant, user, 1999, "USD")));
		await().atMost(PROMPT).until(() -> Mailbox.of(this.smtp, canary).size() == 1);
		await().atMost(PROMPT).until(() -> receiver.acknowledged().size() == 1);
		await().atMost(PROMPT).until(() -> tablesMentioning(user).contains("webhook_attempt"));
		assertThat(tablesMentioning(canary)).containsExactly("user_contact");
		ApiClient.Response exported = asService("auth-service").get("/internal/v1/users/" + user + "/personal_data");
		assertThat(exported.status()).as(exported.body()).isEqualTo(200);
		assertThat(exported.text("email_on_file")).isEqualTo(canary);
		assertThat(exported.json().get("notices").size()).isGreaterThanOrEqualTo(1);
		assertThat(exported.json().get("preferences").get("alerts_push").asBoolean()).isFalse();

		AuthStub.get().erase(user);
		AuthEvent.UserErasureRequested erasure = new AuthEvent.UserErasureRequested(ResourceIds.event(), Instant.now(),
				user);
		this.events.publish(Topics.AUTH, erasure);
		this.events.publish(Topics.AUTH, erasure);

		await().atMost(PROMPT)
			.untilAsserted(() -> assertThat(tablesMentioning(user)).as("only the merchant's record of the payment")
				.containsExactly("webhook_event"));
		assertThat(tablesMentioning(canary)).isEmpty();
		assertThat(this.jdbc.sql("select body from webhook_event where body like ?")
			.param("%" + user + "%")
			.query(String.class)
			.list()).as("the payment's device context is gone")
			.isNotEmpty()
			.noneMatch(body -> body.contains("203.0.113.7"));
		ApiClient.Response after = asService("auth-service").get("/internal/v1/users/" + user + "/personal_data");
		assertThat(after.text("email_on_file")).isNull();
		assertThat(after.json().get("notices").size()).isZero();
	}

	@Test
	void onlyAuthServiceMayReadAUsersPersonalData() {
		String path = "/internal/v1/users/" + ResourceIds.next("usr") + "/personal_data";
		assertThat(asService("payment-service").get(path).status()).isEqualTo(403);
		assertThat(new ApiClient("http://localhost:" + this.port).get(path).status()).isEqualTo(401);
	}

	private ApiClient asService(String caller) {
		return new ApiClient("http://localhost:" + this.port)
			.withToken(TestTokens.get().service(caller, "notification-service"));
	}

	/**
	 * Every table of this service's database with a row whose text contains the value.
	 */
	private List<String> tablesMentioning(String value) {
		return this.jdbc.sql("select tablename from pg_tables where schemaname = current_schema() order by tablename")
			.query(String.class)
			.list()
			.stream()
			.filter(table -> !table.equals("inbox_event"))
			.filter(table -> this.jdbc.sql("select count(*) from \"" + table + "\" t where t::text ilike ?")
				.param("%" + value + "%")
				.query(Long.class)
				.single() > 0)
			.toList();
	}

}
