package io.emberpay.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team member's dashboard token passes the edge like a key's merchant token, within
 * their role: view_only reads, a developer does all but the team and payouts, an admin
 * everything; a refusal is a 403 naming the role. Merchant sign-up takes a user's own
 * token, verified, to make them its first admin.
 */
@Tag("security")
class TeamRoleTests extends GatewayTestSupport {

	@Test
	void aViewOnlyMemberReadsButChangesNothing() {
		ApiClient viewer = member("view_only");

		assertThat(viewer.get("/v1/payments").status()).isEqualTo(200);
		assertThat(viewer.get("/v1/merchants/" + MERCHANT + "/members").status()).isEqualTo(200);
		assertThat(viewer.get("/v1/payouts").status()).isEqualTo(200);
		for (ApiClient.Response refused : List.of(viewer.post("/v1/refunds", Map.of("payment", "pay_1")),
				viewer.delete("/v1/webhook_endpoints/we_1"),
				viewer.send("PATCH", "/v1/merchants/" + MERCHANT + "/members/usr_1", Map.of("role", "admin"), Map.of()),
				viewer.post("/v1/merchants/" + MERCHANT + "/api_keys", Map.of("mode", "test")))) {
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.text("code")).isEqualTo("forbidden");
			assertThat(refused.text("detail")).contains("view_only");
		}
	}

	@Test
	void aDeveloperDoesEverythingButTheTeamPayoutsAndSecretKeys() {
		ApiClient developer = member("developer");

		assertThat(developer.post("/v1/refunds", Map.of("payment", "pay_1")).status()).isEqualTo(200);
		assertThat(developer.get("/v1/merchants/" + MERCHANT + "/api_keys").status()).isEqualTo(200);
		assertThat(developer.get("/v1/balance").status()).isEqualTo(200);
		for (String keys : List.of("/v1/merchants/" + MERCHANT + "/api_keys",
				"/v1/merchants/" + MERCHANT + "/api_keys/key_1/roll",
				"/v1/merchants/" + MERCHANT + "/api_keys/key_1/revoke")) {
			ApiClient.Response refused = developer.post(keys, Map.of("mode", "test"));
			assertThat(refused.status()).as("a key would carry an admin's powers: %s", keys).isEqualTo(403);
			assertThat(refused.text("detail")).contains("developer");
		}
		for (String path : List.of("/v1/merchants/" + MERCHANT + "/invitations",
				"/v1/merchants/" + MERCHANT + "/invitations/inv_1/revoke", "/v1/merchants/" + MERCHANT + "/members",
				"/v1/merchants/" + MERCHANT + "/members/usr_1", "/v1/payouts", "/v1/payouts/po_1/cancel",
				"/v1/payout_schedule", "/v1/external_accounts", "/v1/external_accounts/ba_1")) {
			ApiClient.Response refused = developer.get(path);
			assertThat(refused.status()).as(path).isEqualTo(403);
			assertThat(refused.text("detail")).as(path).contains("developer");
			assertThat(developer.post(path, Map.of()).status()).as(path).isEqualTo(403);
		}
	}

	@Test
	void anAdminAndAKeyDoEverythingAndAnUnknownRoleNothing() {
		ApiClient admin = member("admin");
		assertThat(admin.post("/v1/merchants/" + MERCHANT + "/invitations", Map.of("email", "a@example.com")).status())
			.isEqualTo(200);
		assertThat(admin.post("/v1/payouts", Map.of("amount", 100)).status()).isEqualTo(200);
		assertThat(admin.post("/v1/merchants/" + MERCHANT + "/api_keys", Map.of("mode", "test")).status())
			.isEqualTo(200);
		ApiClient key = anonymous().withToken(MERCHANT_KEY);
		assertThat(key.post("/v1/merchants/" + MERCHANT + "/invitations", Map.of("email", "a@example.com")).status())
			.isEqualTo(200);
		assertThat(key.post("/v1/payouts", Map.of("amount", 100)).status()).isEqualTo(200);

		ApiClient.Response owner = member("owner").get("/v1/payments");
		assertThat(owner.status()).isEqualTo(403);
		assertThat(owner.text("detail")).contains("owner");
	}

	@Test
	void merchantSignUpForwardsAVerifiedUsersTokenAndRefusesABadOne() {
		String user = TestTokens.get().user("usr_" + UUID.randomUUID().toString().replace("-", ""));
		ApiClient.Response signedUp = anonymous().withToken(user)
			.post("/v1/merchants", Map.of("name", "Shop", "email", "a@example.com"));
		assertThat(signedUp.status()).isEqualTo(200);
		assertThat(forwarded(signedUp).path("authorization").asString()).isEqualTo("Bearer " + user);

		ApiClient.Response anonymousSignUp = anonymous().post("/v1/merchants",
				Map.of("name", "Shop", "email", "a@example.com"));
		assertThat(anonymousSignUp.status()).isEqualTo(200);
		assertThat(forwarded(anonymousSignUp).path("authorization").isMissingNode()).isTrue();

		ApiClient.Response forged = anonymous().withToken(user.substring(0, user.length() - 4) + "AAAA")
			.post("/v1/merchants", Map.of("name", "Shop", "email", "a@example.com"));
		assertThat(forged.status()).isEqualTo(401);
		ApiClient.Response withKey = anonymous().withToken(MERCHANT_KEY)
			.post("/v1/merchants", Map.of("name", "Shop", "email", "a@example.com"));
		assertThat(withKey.status()).isEqualTo(200);
		assertThat(forwarded(withKey).path("authorization").isMissingNode()).as("a key is no user").isTrue();
	}

	/** A member's merchant token as auth-service issues it for the dashboard. */
	static String memberToken(String role, String sessionId, String grant) {
		Instant now = Instant.now();
		return TestTokens.get()
			.sign(new JWTClaimsSet.Builder().subject(MERCHANT)
				.issuer(TestTokens.ISSUER)
				.audience(TestTokens.AUDIENCE)
				.issueTime(Date.from(now))
				.notBeforeTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
				.jwtID(UUID.randomUUID().toString())
				.claim("roles", List.of("merchant"))
				.claim("amr", List.of("pwd", "otp"))
				.claim("livemode", false)
				.claim("user", "usr_" + UUID.randomUUID().toString().replace("-", ""))
				.claim("member_role", role)
				.claim("sid", sessionId)
				.claim("grant", grant)
				.build());
	}

	private ApiClient member(String role) {
		return anonymous().withToken(memberToken(role, "ses_" + UUID.randomUUID(), "mgr_" + UUID.randomUUID()));
	}

}
