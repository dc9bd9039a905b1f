package io.emberpay.auth.team;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.emberpay.auth.AuthApi;
import io.emberpay.auth.AuthServiceTest;
import io.emberpay.auth.totp.Authenticator;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merchant's team: the user who signs the merchant up is its first admin; invitations
 * are mailed, accepted once by the invited verified address, and end when revoked or
 * expired; the team keeps an admin; outsiders see nothing; the dashboard's merchant token
 * needs a second factor and a membership, and stops with the session or the membership.
 */
@AuthServiceTest
class TeamTests extends AuthApi {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theUserWhoSignsAMerchantUpIsItsFirstAdminAndAnAnonymousSignUpHasNoMember() {
		Person ada = person(true);
		Merchant merchant = merchant(ada);

		ApiClient.Response mine = ada.api().get("/v1/users/me/merchants");
		assertThat(mine.status()).as(mine.body()).isEqualTo(200);
		assertThat(mine.json().get("data")).hasSize(1);
		assertThat(mine.json().get("data").get(0).get("merchant").asString()).isEqualTo(merchant.id());
		assertThat(mine.json().get("data").get(0).get("role").asString()).isEqualTo("admin");
		assertThat(audits(merchant.id(), "auth.team_changed")).isEqualTo(1);

		ApiClient.Response anonymous = api().post("/v1/merchants",
				Map.of("name", "Nobody's Shop", "email", uniqueEmail()));
		assertThat(anonymous.status()).isEqualTo(201);
		ApiClient.Response members = asKey(anonymous.text("api_key"))
			.get("/v1/merchants/" + anonymous.text("id") + "/members");
		assertThat(members.status()).as(members.body()).isEqualTo(200);
		assertThat(members.json().get("data")).isEmpty();
	}

	@Test
	void anInvitationIsMailedAndAcceptedOnceByTheInvitedAddress() {
		Person ada = person(true);
		Merchant merchant = merchant(ada);
		Person bob = person(true);

		ApiClient.Response invited = ada.api()
			.post("/v1/merchants/" + merchant.id() + "/invitations",
					Map.of("email", bob.email().toUpperCase(java.util.Locale.ROOT), "role", "developer"));
		assertThat(invited.status()).as(invited.body()).isEqualTo(201);
		String invitation = invited.text("id");
		assertThat(invitation).startsWith("inv_");
		assertThat(invited.text("status")).isEqualTo("pending");
		assertThat(invited.text("email")).isEqualTo(bob.email());
		assertThat(invited.body()).doesNotContain("token");
		assertThat(audits(merchant.id(), "auth.member_invited")).isEqualTo(1);

		String token = issue(invitation);
		assertThat(this.jdbc.sql("select count(*) from merchant_invitation where token_hash is not null and id = ?")
			.param(invitation)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select detail::text from security_audit where subject = ?")
			.param(merchant.id())
			.query(String.class)
			.list()).noneMatch(detail -> detail.contains(token) || detail.contains(bob.email()));

		ApiClient.Response accepted = bob.api().post("/v1/merchants/invitations/accept", Map.of("token", token));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		assertThat(accepted.text("role")).isEqualTo("developer");
		assertThat(accepted.text("user")).isEqualTo(bob.id());

		ApiClient.Response again = bob.api().post("/v1/merchants/invitations/accept", Map.of("token", token));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("code")).isEqualTo("invitation_already_accepted");
		assertThat(bob.api().get("/v1/users/me/merchants").json().get("data").get(0).get("role").asString())
			.isEqualTo("developer");
		ApiClient.Response members = ada.api().get("/v1/merchants/" + merchant.id() + "/members");
		assertThat(members.json().get("data")).extracting(node -> node.get("user").asString())
			.containsExactly(ada.id(), bob.id());
		assertThat(ada.api()
			.get("/v1/merchants/" + merchant.id() + "/invitations")
			.json()
			.get("data")
			.get(0)
			.get("status")
			.asString()).isEqualTo("accepted");
		assertThat(issue404(invitation)).as("an accepted invitation is not mailed again").isEqualTo(404);
	}

	@Test
	void revokedExpiredUnknownAndReplacedTokensAreRefusedWithTheirOwnCodes() {
		Person ada = person(true);
		Merchant merchant = merchant(ada);
		Person bob = person(true);

		String revoked = invite(merchant.key(), merchant.id(), bob.email(), "view_only");
		String revokedToken = issue(revoked);
		ApiClient.Response revoke = asKey(merchant.key())
			.post("/v1/merchants/" + merchant.id() + "/invitations/" + revoked + "/revoke", null);
		assertThat(revoke.status()).as(revoke.body()).isEqualTo(200);
		assertThat(revoke.text("status")).isEqualTo("revoked");
		assertThat(asKey(merchant.key())
			.post("/v1/merchants/" + merchant.id() + "/invitations/" + revoked + "/revoke", null)
			.status()).isEqualTo(409);
		assertThat(accept(bob, revokedToken)).isEqualTo("invitation_revoked");

		String expired = invite(merchant.key(), merchant.id(), bob.email(), "view_only");
		String expiredToken = issue(expired);
		this.jdbc.sql("update merchant_invitation set expires_at = now() - interval '1 minute' where id = ?")
			.param(expired)
			.update();
		assertThat(accept(bob, expiredToken)).isEqualTo("invitation_expired");
		assertThat(issue404(expired)).isEqualTo(404);

		String replaced = invite(merchant.key(), merchant.id(), bob.email(), "view_only");
		String first = issue(replaced);
		String second = issue(replaced);
		assertThat(accept(bob, first)).as("a newer e-mail replaces the token").isEqualTo("invalid_invitation");
		assertThat(accept(bob, "not-a-token")).isEqualTo("invalid_invitation");
		assertThat(accept(bob, second)).isNull();
	}

	@Test
	void onlyTheInvitedVerifiedAddressMayAccept() {
		Person ada = person(true);
		Merchant merchant = merchant(ada);
		Person eve = person(true);
		Person unverified = person(false);

		String forSomeoneElse = issue(invite(merchant.key(), merchant.id(), uniqueEmail(), "admin"));
		assertThat(accept(eve, forSomeoneElse)).isEqualTo("invitation_email_mismatch");

		String token = issue(invite(merchant.key(), merchant.id(), unverified.email(), "admin"));
		assertThat(accept(unverified, token)).isEqualTo("email_not_verified");
		assertThat(asKey(merchant.key()).get("/v1/merchants/" + merchant.id() + "/members").json().get("data"))
			.hasSize(1);
		ApiClient.Response byMerchant = asKey(merchant.key()).post("/v1/merchants/invitations/accept",
				Map.of("token", token));
		assertThat(byMerchant.status()).isEqualTo(404);
	}

	@Test
	void theLastAdminCannotBeRemovedOrDemotedAndOnlyAdminsChangeTheTeam() {
		Person ada = person(true);
		Merchant merchant = merchant(ada);
		Person bob = person(true);
		join(merchant, bob, "developer");
		String members = "/v1/merchants/" + merchant.id() + "/members/";

		ApiClient.Response demote = ada.api().send("PATCH", members + ada.id(), Map.of("role", "developer"), Map.of());
		assertThat(demote.status()).isEqualTo(409);
		assertThat(demote.text("code")).isEqualTo("last_admin");
		ApiClient.Response remove = asKey(merchant.key()).delete(members + ada.id());
		assertThat(remove.status()).isEqualTo(409);
		assertThat(remove.text("code")).isEqualTo("last_admin");

		ApiClient.Response byDeveloper = bob.api().send("PATCH", members + bob.id(), Map.of("role", "admin"), Map.of());
		assertThat(byDeveloper.status()).isEqualTo(403);
		assertThat(byDeveloper.text("code")).isEqualTo("forbidden");
		assertThat(byDeveloper.text("detail")).contains("developer");
		assertThat(bob.api()
			.post("/v1/merchants/" + merchant.id() + "/invitations", Map.of("email", uniqueEmail(), "role", "admin"))
			.status()).isEqualTo(403);
		assertThat(ada.api().send("PATCH", members + bob.id(), Map.of("role", "owner"), Map.of()).text("param"))
			.isEqualTo("role");

		ApiClient.Response promote = ada.api().send("PATCH", members + bob.id(), Map.of("role", "admin"), Map.of());
		assertThat(promote.status()).as(promote.body()).isEqualTo(200);
		assertThat(promote.text("role")).isEqualTo("admin");
		assertThat(bob.api().delete(members + ada.id()).status()).isEqualTo(204);
		assertThat(bob.api().delete(members + ada.id()).status()).isEqualTo(404);
		assertThat(audits(merchant.id(), "auth.team_changed")).as("added twice, role changed, removed").isEqualTo(4);
	}

	@Test
	void noOneOutsideTheTeamSeesOrChangesIt() {
		Person ada = person(true);
		Merchant merchant = merchant(ada);
		Person outsider = person(true);
		Merchant other = merchant(outsider);

		for (ApiClient client : List.of(outsider.api(), asKey(other.key()))) {
			assertThat(client.get("/v1/merchants/" + merchant.id() + "/members").status()).isEqualTo(404);
			assertThat(client.get("/v1/merchants/" + merchant.id() + "/invitations").status()).isEqualTo(404);
			assertThat(client.delete("/v1/merchants/" + merchant.id() + "/members/" + ada.id()).status())
				.isEqualTo(404);
			assertThat(client
				.post("/v1/merchants/" + merchant.id() + "/invitations",
						Map.of("email", uniqueEmail(), "role", "admin"))
				.status()).isEqualTo(404);
		}
		assertThat(ada.api().delete("/v1/merchants/" + merchant.id() + "/members/" + outsider.id()).status())
			.as("another merchant's member is no member here")
			.isEqualTo(404);
		String invitation = invite(other.key(), other.id(), uniqueEmail(), "admin");
		assertThat(ada.api()
			.post("/v1/merchants/" + merchant.id() + "/invitations/" + invitation + "/revoke", null)
			.status()).isEqualTo(404);
		ApiClient.Response passwordOnly = api().withToken(ada.passwordOnlyToken())
			.get("/v1/merchants/" + merchant.id() + "/members");
		assertThat(passwordOnly.status()).isEqualTo(403);
		assertThat(passwordOnly.text("code")).isEqualTo("mfa_required");
	}

	@Test
	void theDashboardTokenNeedsASecondFactorAMembershipAndLiveApproval() throws Exception {
		Person ada = person(true);
		Merchant merchant = merchant(ada);
		Person noTotp = person(false);
		ApiClient.Response created = noTotp.api()
			.post("/v1/merchants", Map.of("name", "Plain Shop", "email", noTotp.email()));
		assertThat(created.status()).isEqualTo(201);

		ApiClient.Response withoutOtp = noTotp.api()
			.post("/v1/auth/merchant_token", Map.of("merchant", created.text("id")));
		assertThat(withoutOtp.status()).isEqualTo(403);
		assertThat(withoutOtp.text("code")).isEqualTo("mfa_required");
		Person outsider = person(true);
		assertThat(outsider.api().post("/v1/auth/merchant_token", Map.of("merchant", merchant.id())).status())
			.isEqualTo(404);
		ApiClient.Response live = ada.api()
			.post("/v1/auth/merchant_token", Map.of("merchant", merchant.id(), "livemode", true));
		assertThat(live.status()).isEqualTo(403);
		assertThat(live.text("code")).isEqualTo("live_mode_not_enabled");

		ApiClient.Response issued = ada.api().post("/v1/auth/merchant_token", Map.of("merchant", merchant.id()));
		assertThat(issued.status()).as(issued.body()).isEqualTo(200);
		assertThat(issued.text("role")).isEqualTo("admin");
		assertThat(issued.json().get("expires_in").asLong()).isEqualTo(300);
		JWTClaimsSet claims = SignedJWT.parse(issued.text("access_token")).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo(merchant.id());
		assertThat(claims.getStringListClaim("roles")).containsExactly("merchant");
		assertThat(claims.getBooleanClaim("livemode")).isFalse();
		assertThat(claims.getStringClaim("user")).isEqualTo(ada.id());
		assertThat(claims.getStringClaim("member_role")).isEqualTo("admin");
		assertThat(claims.getStringClaim("sid"))
			.isEqualTo(SignedJWT.parse(ada.token()).getJWTClaimsSet().getStringClaim("sid"));
		assertThat(claims.getStringClaim("grant")).startsWith("mgr_");
		ApiClient asMember = api().withToken(issued.text("access_token"));
		assertThat(asMember.get("/v1/merchants/me").text("id")).isEqualTo(merchant.id());
		assertThat(asMember.get("/v1/merchants/" + merchant.id() + "/members").status()).isEqualTo(200);
		assertThat(audits(merchant.id(), "auth.team_changed")).as("added, token issued").isEqualTo(2);
	}

	@Test
	void removingTheMemberOrEndingTheSessionStopsTheirMerchantTokens() throws Exception {
		Person ada = person(true);
		Merchant merchant = merchant(ada);
		Person bob = person(true);
		join(merchant, bob, "admin");
		Instant before = Instant.now().minusSeconds(5);
		String bobsToken = bob.api()
			.post("/v1/auth/merchant_token", Map.of("merchant", merchant.id()))
			.text("access_token");
		String grant = SignedJWT.parse(bobsToken).getJWTClaimsSet().getStringClaim("grant");
		assertThat(revokedSince(before)).doesNotContain(grant);

		ApiClient.Response demoted = ada.api()
			.send("PATCH", "/v1/merchants/" + merchant.id() + "/members/" + bob.id(), Map.of("role", "view_only"),
					Map.of());
		assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
		assertThat(revokedSince(before)).as("a role change ends the old grant").contains(grant);
		assertThat(api().withToken(bobsToken).get("/v1/merchants/" + merchant.id() + "/members").status())
			.isEqualTo(404);
		String viewOnly = bob.api()
			.post("/v1/auth/merchant_token", Map.of("merchant", merchant.id()))
			.text("access_token");
		String newGrant = SignedJWT.parse(viewOnly).getJWTClaimsSet().getStringClaim("grant");
		assertThat(SignedJWT.parse(viewOnly).getJWTClaimsSet().getStringClaim("member_role")).isEqualTo("view_only");

		assertThat(asKey(merchant.key()).delete("/v1/merchants/" + merchant.id() + "/members/" + bob.id()).status())
			.isEqualTo(204);
		assertThat(revokedSince(before)).contains(newGrant);
		assertThat(bob.api().post("/v1/auth/merchant_token", Map.of("merchant", merchant.id())).status())
			.isEqualTo(404);

		String sid = SignedJWT.parse(ada.token()).getJWTClaimsSet().getStringClaim("sid");
		assertThat(ada.api().post("/v1/auth/logout", null).status()).isEqualTo(204);
		assertThat(revokedSince(before)).as("the session's merchant tokens carry its sid").contains(sid);
		assertThat(ada.api().post("/v1/auth/merchant_token", Map.of("merchant", merchant.id())).status())
			.isEqualTo(401);
	}

	@Test
	void anErasedUserLeavesEveryTeamAndInvitationsForgetTheirAddress() throws Exception {
		Person ada = person(true);
		Merchant merchant = merchant(ada);
		Person bob = person(true);
		join(merchant, bob, "developer");
		Merchant second = merchant(ada);
		String open = invite(second.key(), second.id(), bob.email(), "admin");
		Instant before = Instant.now().minusSeconds(5);
		String grant = SignedJWT
			.parse(bob.api().post("/v1/auth/merchant_token", Map.of("merchant", merchant.id())).text("access_token"))
			.getJWTClaimsSet()
			.getStringClaim("grant");

		ApiClient.Response erased = bob.api().send("DELETE", "/v1/users/me", Map.of("password", PASSWORD), Map.of());
		assertThat(erased.status()).as(erased.body()).isEqualTo(202);

		assertThat(revokedSince(before)).contains(grant);
		assertThat(asKey(merchant.key()).get("/v1/merchants/" + merchant.id() + "/members").json().get("data"))
			.extracting(node -> node.get("user").asString())
			.containsExactly(ada.id());
		assertThat(this.jdbc.sql("select count(*) from merchant_invitation where email = ?")
			.param(bob.email())
			.query(Long.class)
			.single()).isZero();
		ApiClient.Response invitation = asKey(second.key())
			.post("/v1/merchants/" + second.id() + "/invitations/" + open + "/revoke", null);
		assertThat(invitation.status()).as("the open invitation was revoked with the erasure").isEqualTo(409);
	}

	private List<String> revokedSince(Instant since) {
		ApiClient.Response feed = asService("gateway").get("/internal/v1/sessions/revoked?since=" + since);
		assertThat(feed.status()).as(feed.body()).isEqualTo(200);
		List<String> sessions = new java.util.ArrayList<>();
		feed.json().get("data").forEach(node -> sessions.add(node.get("session").asString()));
		return sessions;
	}

	/** Invites, mails and accepts: {@code person} joins the team with {@code role}. */
	private void join(Merchant merchant, Person person, String role) {
		assertThat(accept(person, issue(invite(merchant.key(), merchant.id(), person.email(), role)))).isNull();
	}

	private String invite(String key, String merchant, String email, String role) {
		ApiClient.Response invited = asKey(key).post("/v1/merchants/" + merchant + "/invitations",
				Map.of("email", email, "role", role));
		assertThat(invited.status()).as(invited.body()).isEqualTo(201);
		return invited.text("id");
	}

	/** The token as notification-service gets it for the e-mail. */
	private String issue(String invitation) {
		ApiClient.Response issued = asService("notification-service")
			.post("/internal/v1/invitations/" + invitation + "/issue", null);
		assertThat(issued.status()).as(issued.body()).isEqualTo(200);
		assertThat(issued.text("email")).contains("@");
		return issued.text("token");
	}

	private int issue404(String invitation) {
		return asService("notification-service").post("/internal/v1/invitations/" + invitation + "/issue", null)
			.status();
	}

	/** The refusal's code, or null when the invitation was accepted. */
	private String accept(Person person, String token) {
		ApiClient.Response response = person.api().post("/v1/merchants/invitations/accept", Map.of("token", token));
		return (response.status() == 200) ? null : response.text("code");
	}

	private long audits(String subject, String type) {
		return this.jdbc.sql("select count(*) from security_audit where subject = ? and event_type = ?")
			.params(subject, type)
			.query(Long.class)
			.single();
	}

	private ApiClient asKey(String key) {
		ApiClient.Response verified = asService("gateway").post("/internal/v1/api_keys/verify", Map.of("api_key", key));
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		return api().withToken(verified.text("access_token"));
	}

	private Merchant merchant(Person admin) {
		ApiClient.Response created = admin.api()
			.post("/v1/merchants", Map.of("name", "Ada's Books", "email", admin.email()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new Merchant(created.text("id"), created.text("api_key"));
	}

	/**
	 * A signed-up user with a verified address; with {@code totp}, signed in with it (the
	 * token's amr holds otp), else with the password only.
	 */
	private Person person(boolean totp) {
		String email = signUp();
		String passwordToken = login(email, PASSWORD).text("access_token");
		String id = api().withToken(passwordToken).get("/v1/users/me").text("id");
		if (!totp) {
			return new Person(id, email, passwordToken, passwordToken, api().withToken(passwordToken));
		}
		this.jdbc.sql("update app_user set email_verified_at = now() where id = ?").param(id).update();
		ApiClient user = api().withToken(passwordToken);
		Authenticator authenticator = new Authenticator(user.post("/v1/auth/mfa/totp", null).text("secret"));
		long step = Authenticator.currentStep();
		assertThat(user.post("/v1/auth/mfa/totp/activate", Map.of("code", authenticator.codeAt(step))).status())
			.isEqualTo(200);
		String mfaToken = login(email, PASSWORD).text("mfa_token");
		ApiClient.Response verified = api().post("/v1/auth/mfa/verify",
				Map.of("mfa_token", mfaToken, "code", authenticator.codeAt(step + 1)));
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		return new Person(id, email, verified.text("access_token"), passwordToken,
				api().withToken(verified.text("access_token")));
	}

	private record Person(String id, String email, String token, String passwordOnlyToken, ApiClient api) {
	}

	private record Merchant(String id, String key) {
	}

}
