package io.emberpay.console;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Members of a merchant's team in the console: they sign in with e-mail, password and
 * TOTP (without TOTP they enrol first), pick a merchant when they belong to several, work
 * with the merchant token the API issues them, switch to live only where approved, and an
 * admin (or the key) manages the team; another merchant's member or invitation id is a
 * 404 before anything is changed, and every change needs CSRF.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ConsoleTeamTests {

	private static final FakeTeamGateway GATEWAY = FakeTeamGateway.start();

	private static final Pattern INLINE = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=",
			Pattern.CASE_INSENSITIVE);

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("emberpay.console.gateway-url", GATEWAY::url);
	}

	@Test
	void aMemberOfSeveralTeamsSignsInWithTotpPicksAMerchantAndWorksWithItsMerchantToken() throws Exception {
		MockHttpSession session = signIn(FakeTeamGateway.MEMBER, "/choose-merchant");
		String choose = page(session, "/choose-merchant");
		assertThat(choose).contains("Shop A", "Shop B", "developer");
		this.mvc.perform(post("/choose-merchant").session(session).with(csrf()).param("merchant", "mer_zzz"))
			.andExpect(redirectedUrl("/choose-merchant"))
			.andExpect(flash().attribute("error", "You are not a member of that merchant's team."));

		this.mvc.perform(post("/choose-merchant").session(session).with(csrf()).param("merchant", "mer_b"))
			.andExpect(redirectedUrl("/payments"));
		String payments = page(session, "/payments");
		assertThat(payments).contains("Shop B", "Your role: developer", "Test mode").doesNotContain(">Team<");
		assertThat(GATEWAY.requests).contains("GET /v1/payments merchant-b-member-developer");
		assertThat(GATEWAY.bodies).anyMatch(b -> b.startsWith("POST /v1/auth/merchant_token")
				&& b.contains("\"merchant\":\"mer_b\"") && b.contains("\"livemode\":false"));

		this.mvc.perform(post("/mode").session(session).with(csrf()).param("mode", "live"))
			.andExpect(redirectedUrl("/payments"))
			.andExpect(flash().attribute("error", "Live mode is not approved for this merchant yet."));
		assertThat(page(session, "/payments")).contains("Test mode");
	}

	@Test
	void aMemberOfOneTeamGoesStraightToItsPaymentsAndAnAccountWithoutTotpEnrolsFirst() throws Exception {
		MockHttpSession viewer = signIn(FakeTeamGateway.VIEWER, "/payments");
		assertThat(page(viewer, "/payments")).contains("Shop A", "Your role: view only").doesNotContain(">Team<");

		MockHttpSession enrolling = (MockHttpSession) this.mvc
			.perform(post("/sign-in/password").with(csrf())
				.param("email", FakeTeamGateway.NO_TOTP)
				.param("password", "a long password"))
			.andExpect(redirectedUrl("/enrol"))
			.andReturn()
			.getRequest()
			.getSession();
		this.mvc.perform(get("/payments").session(enrolling)).andExpect(redirectedUrl("/enrol"));
		this.mvc.perform(get("/team").session(enrolling)).andExpect(redirectedUrl("/enrol"));
		assertThat(GATEWAY.requests).noneMatch(r -> r.startsWith("POST /v1/auth/merchant_token user-nototp"));
	}

	@Test
	void anAdminSeesTheTeamChangesRolesRemovesAndInvitesAndTheKeyActsAsAdmin() throws Exception {
		MockHttpSession admin = admin();
		String team = page(admin, "/team");
		assertThat(team)
			.contains(">Team<", "usr_member@example.com", "usr_viewer@example.com", "pending-a@example.com",
					"Your role: admin")
			.doesNotContain("done-a@example.com");
		assertThat(INLINE.matcher(team).find()).isFalse();

		this.mvc.perform(post("/team/members/usr_viewer/role").session(admin).with(csrf()).param("role", "developer"))
			.andExpect(redirectedUrl("/team"))
			.andExpect(flash().attributeExists("notice"));
		this.mvc.perform(post("/team/members/usr_member/role").session(admin).with(csrf()).param("role", "view_only"))
			.andExpect(redirectedUrl("/team"))
			.andExpect(flash().attribute("error", "The platform said last_admin."));
		this.mvc.perform(post("/team/members/usr_viewer/remove").session(admin).with(csrf()))
			.andExpect(redirectedUrl("/team"));
		this.mvc
			.perform(post("/team/invitations").session(admin)
				.with(csrf())
				.param("email", "new@example.com")
				.param("role", "developer"))
			.andExpect(redirectedUrl("/team"));
		this.mvc.perform(post("/team/invitations/inv_of_merchant_a/revoke").session(admin).with(csrf()))
			.andExpect(redirectedUrl("/team"));
		assertThat(GATEWAY.bodies).contains("PATCH /v1/merchants/mer_a/members/usr_viewer {\"role\":\"developer\"}")
			.anyMatch(b -> b.startsWith("POST /v1/merchants/mer_a/invitations ") && b.contains("new@example.com"));
		assertThat(GATEWAY.requests).contains("DELETE /v1/merchants/mer_a/members/usr_viewer merchant-a-member-admin",
				"POST /v1/merchants/mer_a/invitations/inv_of_merchant_a/revoke merchant-a-member-admin");

		MockHttpSession key = (MockHttpSession) this.mvc
			.perform(post("/sign-in/key").with(csrf()).param("api_key", FakeTeamGateway.KEY_A))
			.andExpect(redirectedUrl("/payments"))
			.andReturn()
			.getRequest()
			.getSession();
		assertThat(page(key, "/payments")).contains(">Team<").doesNotContain("Your role");
		assertThat(page(key, "/team")).contains("usr_member@example.com");
	}

	@Test
	void anotherMerchantsMemberOrInvitationIsNotFoundAndNothingIsChanged() throws Exception {
		MockHttpSession admin = admin();
		long changes = changes();
		for (String action : List.of("/team/members/" + FakeTeamGateway.B_MEMBER_ID + "/remove",
				"/team/invitations/" + FakeTeamGateway.B_INVITATION_ID + "/revoke")) {
			this.mvc.perform(post(action).session(admin).with(csrf())).andExpect(status().isNotFound());
		}
		this.mvc
			.perform(post("/team/members/" + FakeTeamGateway.B_MEMBER_ID + "/role").session(admin)
				.with(csrf())
				.param("role", "admin"))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/team/members/usr_viewer/role").session(admin).with(csrf()).param("role", "owner"))
			.andExpect(status().isBadRequest());
		assertThat(changes()).isEqualTo(changes);
	}

	@Test
	void teamChangesWithoutCsrfAreRefused() throws Exception {
		MockHttpSession admin = admin();
		long changes = changes();
		this.mvc.perform(post("/team/members/usr_viewer/remove").session(admin)).andExpect(status().isForbidden());
		this.mvc.perform(post("/team/members/usr_viewer/role").session(admin).param("role", "admin"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/team/invitations").session(admin).param("email", "x@example.com").param("role", "admin"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/team/invitations/inv_of_merchant_a/revoke").session(admin))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/invitations/accept").param("token", FakeTeamGateway.INVITATION_TOKEN))
			.andExpect(status().isForbidden());
		assertThat(changes()).isEqualTo(changes);
	}

	@Test
	void anInvitationOpenedBeforeSigningInIsAcceptedRightAfterTheCode() throws Exception {
		String invitation = this.mvc.perform(get("/invitations/" + FakeTeamGateway.INVITATION_TOKEN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(invitation).contains("Accept the invitation");
		assertThat(INLINE.matcher(invitation).find()).isFalse();

		MockHttpSession session = (MockHttpSession) this.mvc
			.perform(post("/invitations/accept").with(csrf()).param("token", FakeTeamGateway.INVITATION_TOKEN))
			.andExpect(redirectedUrl("/sign-in"))
			.andReturn()
			.getRequest()
			.getSession();
		this.mvc
			.perform(post("/sign-in/password").session(session)
				.with(csrf())
				.param("email", FakeTeamGateway.INVITED)
				.param("password", "a long password"))
			.andExpect(redirectedUrl("/sign-in/code"));
		this.mvc.perform(post("/sign-in/code").session(session).with(csrf()).param("code", FakeTeamGateway.TOTP_CODE))
			.andExpect(redirectedUrl("/payments"))
			.andExpect(flash().attribute("notice", "You joined the team. Welcome."));
		assertThat(GATEWAY.requests).contains("POST /v1/merchants/invitations/accept user-invited");
		assertThat(page(session, "/payments")).contains("Shop A", "Your role: developer");
	}

	@Test
	void aSignedInMemberAcceptingSomeoneElsesInvitationIsToldWhy() throws Exception {
		MockHttpSession viewer = signIn(FakeTeamGateway.VIEWER, "/payments");
		this.mvc
			.perform(post("/invitations/accept").session(viewer)
				.with(csrf())
				.param("token", FakeTeamGateway.INVITATION_TOKEN))
			.andExpect(redirectedUrl("/choose-merchant"))
			.andExpect(flash().attribute("error",
					"This invitation was sent to another e-mail address. Sign in with that address to accept it."));
	}

	@Test
	void aMemberRemovedFromTheTeamIsSignedOutAtTheNextPageNever500() throws Exception {
		MockHttpSession leaver = signIn(FakeTeamGateway.LEAVER, "/payments");
		assertThat(page(leaver, "/payments")).contains("Your role: developer");

		GATEWAY.removed.add("leaver");
		GATEWAY.revoked.add("merchant-a-leaver-developer");
		this.mvc.perform(get("/payments").session(leaver)).andExpect(redirectedUrl("/sign-in?expired"));
		assertThat(GATEWAY.requests.stream().filter("POST /v1/auth/merchant_token user-leaver"::equals).count())
			.as("at sign-in, then the renewal refused")
			.isEqualTo(2);
	}

	private MockHttpSession admin() throws Exception {
		MockHttpSession session = signIn(FakeTeamGateway.MEMBER, "/choose-merchant");
		this.mvc.perform(post("/choose-merchant").session(session).with(csrf()).param("merchant", "mer_a"))
			.andExpect(redirectedUrl("/payments"));
		return session;
	}

	private MockHttpSession signIn(String email, String landing) throws Exception {
		MockHttpSession session = (MockHttpSession) this.mvc
			.perform(post("/sign-in/password").with(csrf()).param("email", email).param("password", "a long password"))
			.andExpect(redirectedUrl("/sign-in/code"))
			.andReturn()
			.getRequest()
			.getSession();
		this.mvc.perform(post("/sign-in/code").session(session).with(csrf()).param("code", FakeTeamGateway.TOTP_CODE))
			.andExpect(redirectedUrl(landing));
		return session;
	}

	private String page(MockHttpSession session, String path) throws Exception {
		return new ConsoleSignIn(this.mvc).page(session, path);
	}

	private static long changes() {
		return GATEWAY.requests.stream()
			.filter(r -> r.startsWith("PATCH ") || r.startsWith("DELETE ") || r.contains("/invitations")
					|| r.contains("/revoke"))
			.filter(r -> !r.startsWith("GET "))
			.count();
	}

}
