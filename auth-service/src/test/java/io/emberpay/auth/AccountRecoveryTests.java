package io.emberpay.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.Topics;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password reset and e-mail verification links: asking tells nobody whether an account
 * exists, the event carries neither address nor token, notification-service alone can
 * mint the token, and a token works once, for its purpose, within its lifetime.
 */
@AuthServiceTest
@ExtendWith(OutputCaptureExtension.class)
class AccountRecoveryTests extends AuthApi {

	private static final String NEW_PASSWORD = "a reset passphrase of mine 9";

	private static TopicReader events;

	@Autowired
	private JdbcClient jdbc;

	@BeforeAll
	static void readEvents() {
		events = new TopicReader(Topics.AUTH);
	}

	@AfterAll
	static void stopReading() {
		events.close();
	}

	@Test
	void forgotAnswersAlikeWhetherOrNotTheAddressIsRegistered() {
		String email = signUp();

		ApiClient.Response known = viaGateway().post("/v1/auth/password/forgot", Map.of("email", email));
		ApiClient.Response unknown = viaGateway().post("/v1/auth/password/forgot", Map.of("email", uniqueEmail()));

		assertThat(known.status()).as(known.body()).isEqualTo(202);
		assertThat(unknown.status()).isEqualTo(202);
		assertThat(known.body()).isEqualTo(unknown.body());
		assertThat(links(userId(email), "password_reset")).isEqualTo(1);
	}

	@Test
	void resetSetsTheNewPasswordEndsEverySessionAndWorksOnce(CapturedOutput output) {
		String email = signUp();
		String userId = userId(email);
		ApiClient.Response session = login(email, PASSWORD);
		viaGateway().post("/v1/auth/password/forgot", Map.of("email", email));
		CloudEvent requested = await().atMost(Duration.ofSeconds(15))
			.until(() -> events(userId, "auth.password_reset_requested"), list -> !list.isEmpty())
			.get(0);
		String link = requested.data().get("request").asString();
		assertThat(requested.data().has("email")).isFalse();

		ApiClient.Response issued = asService("notification-service")
			.post("/internal/v1/account_links/" + link + "/issue", Map.of());
		assertThat(issued.status()).as(issued.body()).isEqualTo(200);
		assertThat(issued.text("email")).isEqualTo(email);
		assertThat(issued.text("purpose")).isEqualTo("password_reset");
		String token = issued.text("token");
		assertThat(token).hasSizeGreaterThanOrEqualTo(40);

		ApiClient.Response reset = viaGateway().post("/v1/auth/password/reset",
				Map.of("token", token, "new_password", NEW_PASSWORD));

		assertThat(reset.status()).as(reset.body()).isEqualTo(204);
		assertThat(login(email, PASSWORD).status()).isEqualTo(401);
		assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
		assertThat(refresh(session.text("refresh_token")).status()).as("the old session ended").isEqualTo(401);
		ApiClient.Response again = viaGateway().post("/v1/auth/password/reset",
				Map.of("token", token, "new_password", "yet another passphrase 11"));
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.text("code")).isEqualTo("invalid_account_link");
		assertThat(again.text("param")).isEqualTo("token");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(events(userId, "auth.password_changed")).hasSize(1));
		assertThat(events(userId, "auth.password_changed").get(0).data().get("amr").toString()).contains("email_link");
		assertThat(events.raw()).noneMatch(record -> record.contains(token) || record.contains(NEW_PASSWORD));
		assertThat(this.jdbc.sql("select count(*) from account_link a where a::text like ?")
			.param("%" + token + "%")
			.query(Long.class)
			.single()).as("only the token's hash is stored").isZero();
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void aSecondIssueReplacesTheFirstTokenAndOnlyNotificationServiceMayIssue() {
		String email = signUp();
		viaGateway().post("/v1/auth/password/forgot", Map.of("email", email));
		String link = this.jdbc.sql("select id from account_link where user_id = ? and purpose = 'password_reset'")
			.param(userId(email))
			.query(String.class)
			.single();
		String path = "/internal/v1/account_links/" + link + "/issue";

		assertThat(asService("payment-service").post(path, Map.of()).status()).isEqualTo(403);
		assertThat(api().post(path, Map.of()).status()).isEqualTo(401);
		String first = asService("notification-service").post(path, Map.of()).text("token");
		String second = asService("notification-service").post(path, Map.of()).text("token");

		assertThat(second).isNotEqualTo(first);
		ApiClient.Response stale = viaGateway().post("/v1/auth/password/reset",
				Map.of("token", first, "new_password", NEW_PASSWORD));
		assertThat(stale.text("code")).isEqualTo("invalid_account_link");
		ApiClient.Response weak = viaGateway().post("/v1/auth/password/reset",
				Map.of("token", second, "new_password", "short"));
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.text("param")).isEqualTo("new_password");
		assertThat(viaGateway().post("/v1/auth/password/reset", Map.of("token", second, "new_password", NEW_PASSWORD))
			.status()).as("a refused weak password does not spend the link").isEqualTo(204);
	}

	@Test
	void aResetLinkExpiresThirtyMinutesAfterItWasMinted() {
		String email = signUp();
		viaGateway().post("/v1/auth/password/forgot", Map.of("email", email));
		String link = this.jdbc.sql("select id from account_link where user_id = ? and purpose = 'password_reset'")
			.param(userId(email))
			.query(String.class)
			.single();
		String token = asService("notification-service").post("/internal/v1/account_links/" + link + "/issue", Map.of())
			.text("token");
		assertThat(this.jdbc.sql("select extract(epoch from expires_at - issued_at) from account_link where id = ?")
			.param(link)
			.query(Double.class)
			.single()).isEqualTo(1800.0);
		this.jdbc.sql("update account_link set expires_at = now() - interval '1 second' where id = ?")
			.param(link)
			.update();

		ApiClient.Response expired = viaGateway().post("/v1/auth/password/reset",
				Map.of("token", token, "new_password", NEW_PASSWORD));

		assertThat(expired.status()).isEqualTo(400);
		assertThat(expired.text("code")).isEqualTo("invalid_account_link");
	}

	@Test
	void requestsBeyondThreeAnHourMailNothingButAnswerTheSame() {
		String email = signUp();
		for (int i = 0; i < 5; i++) {
			assertThat(viaGateway().post("/v1/auth/password/forgot", Map.of("email", email)).status()).isEqualTo(202);
		}
		assertThat(links(userId(email), "password_reset")).isEqualTo(3);
	}

	@Test
	void signUpMailsAVerificationLinkThatMarksTheAddressVerified() {
		String email = signUp();
		String userId = userId(email);
		ApiClient user = api().withToken(login(email, PASSWORD).text("access_token"));
		assertThat(user.get("/v1/users/me").json().get("email_verified").asBoolean()).isFalse();
		CloudEvent requested = await().atMost(Duration.ofSeconds(15))
			.until(() -> events(userId, "auth.email_verification_requested"), list -> !list.isEmpty())
			.get(0);
		ApiClient.Response issued = asService("notification-service")
			.post("/internal/v1/account_links/" + requested.data().get("request").asString() + "/issue", Map.of());
		assertThat(issued.text("purpose")).isEqualTo("email_verification");

		ApiClient.Response asReset = viaGateway().post("/v1/auth/password/reset",
				Map.of("token", issued.text("token"), "new_password", NEW_PASSWORD));
		assertThat(asReset.text("code")).as("a verification link resets no password").isEqualTo("invalid_account_link");
		ApiClient.Response verified = viaGateway().post("/v1/auth/email/verify", Map.of("token", issued.text("token")));

		assertThat(verified.status()).as(verified.body()).isEqualTo(204);
		assertThat(user.get("/v1/users/me").json().get("email_verified").asBoolean()).isTrue();
		assertThat(viaGateway().post("/v1/auth/email/verify", Map.of("token", issued.text("token"))).status())
			.isEqualTo(400);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(events(userId, "auth.email_verified")).hasSize(1));
		assertThat(events(userId, "auth.user_signed_up").get(0).data().has("email")).isFalse();
	}

	@Test
	void contactIsForNotificationServiceOnly() {
		String email = signUp();
		String path = "/internal/v1/users/" + userId(email) + "/contact";
		assertThat(asService("notification-service").get(path).text("email")).isEqualTo(email);
		assertThat(asService("payment-service").get(path).status()).isEqualTo(403);
		assertThat(asService("notification-service").get("/internal/v1/users/usr_unknown/contact").status())
			.isEqualTo(404);
	}

	@Test
	void badBodiesAreProblemsNamingTheField() {
		ApiClient.Response noEmail = viaGateway().post("/v1/auth/password/forgot", Map.of("email", "not-an-address"));
		assertThat(noEmail.status()).isEqualTo(400);
		assertThat(noEmail.text("param")).isEqualTo("email");
		ApiClient.Response noToken = viaGateway().post("/v1/auth/password/reset", Map.of("new_password", NEW_PASSWORD));
		assertThat(noToken.status()).isEqualTo(400);
		assertThat(noToken.text("param")).isEqualTo("token");
	}

	private ApiClient.Response refresh(String refreshToken) {
		return api().post("/v1/auth/token", Map.of("refresh_token", refreshToken));
	}

	private long links(String userId, String purpose) {
		return this.jdbc.sql("select count(*) from account_link where user_id = ? and purpose = ?")
			.params(userId, purpose)
			.query(Long.class)
			.single();
	}

	private String userId(String email) {
		return this.jdbc.sql("select id from app_user where email = ?").param(email).query(String.class).single();
	}

	private static List<CloudEvent> events(String subject, String type) {
		return events.events(type).stream().filter(e -> subject.equals(e.subject())).toList();
	}

}
