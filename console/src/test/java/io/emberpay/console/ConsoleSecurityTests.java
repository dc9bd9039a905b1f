package io.emberpay.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's browser protections and ownership rules, against a stand-in gateway that
 * answers like the real API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ConsoleSecurityTests {

	private static final FakeGateway GATEWAY = FakeGateway.start();

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern INLINE_STYLE_OR_HANDLER = Pattern.compile("<style|\\sstyle=|\\son[a-z]+=",
			Pattern.CASE_INSENSITIVE);

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("emberpay.console.gateway-url", GATEWAY::url);
	}

	@Test
	void everyPageCarriesAStrictContentSecurityPolicy() throws Exception {
		String policy = this.mvc.perform(get("/sign-in"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getHeader("Content-Security-Policy");
		assertThat(policy).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
	}

	@Test
	void pagesHaveNoInlineScriptStyleOrEventHandler() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_A);
		for (String page : List.of("/payments", "/payments/" + FakeGateway.PAYMENT_A, "/balance", "/api-keys",
				"/webhooks", "/events", "/payments/" + FakeGateway.PAYMENT_A + "/refund")) {
			String html = this.mvc.perform(get(page).session(session))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(INLINE_SCRIPT.matcher(html).find()).as("inline script on %s", page).isFalse();
			assertThat(INLINE_STYLE_OR_HANDLER.matcher(html).find()).as("inline style on %s", page).isFalse();
		}
	}

	@Test
	void sessionCookieIsSecureHttpOnlyAndSameSiteStrict() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/console/sign-in")).build(),
					HttpResponse.BodyHandlers.ofString());
		String cookie = page.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("EMBERPAY_CONSOLE="))
			.findFirst()
			.orElseThrow();
		assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/console");
	}

	@Test
	void redirectsAreRelativeSoTheBrowserStaysBehindTheGateway() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/console/payments")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValue("/console/sign-in?expired");
	}

	@Test
	void formWithoutCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/sign-in/key").param("api_key", FakeGateway.KEY_A)).andExpect(status().isForbidden());
		MockHttpSession session = merchant(FakeGateway.KEY_A);
		long refundsBefore = refunds();
		this.mvc.perform(post("/payments/" + FakeGateway.PAYMENT_A + "/refund").session(session))
			.andExpect(status().isForbidden());
		assertThat(refunds()).isEqualTo(refundsBefore);
	}

	@Test
	void anotherMerchantsPaymentIsNotFound() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_A);
		String html = this.mvc.perform(get("/payments/" + FakeGateway.PAYMENT_B).session(session))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).doesNotContain("1999", "$19.99");
		this.mvc.perform(get("/payments/" + FakeGateway.PAYMENT_B + "/refund").session(session))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/payments/" + FakeGateway.PAYMENT_B + "/refund").session(session)
				.with(csrf())
				.param("idempotency_key", "0123456789abcdef0123"))
			.andExpect(status().isNotFound());
	}

	@Test
	void everyPageAndActionOnAnotherMerchantsObjectAnswers404() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_A);
		// the same pages and actions on merchant A's own objects work: the 404s are about
		// whose object it is, not about a route the console or the API does not have
		for (String owner : List.of("a", "b")) {
			boolean own = owner.equals("a");
			String payment = own ? FakeGateway.PAYMENT_A_UNCAPTURED : FakeGateway.PAYMENT_B;
			for (String page : List.of("/webhooks/we_of_merchant_" + owner, "/payments/" + payment + "/capture",
					"/payments/" + payment + "/cancel")) {
				this.mvc.perform(get(page).session(session)).andExpect(own ? status().isOk() : status().isNotFound());
			}
			for (String action : List.of("/webhooks/we_of_merchant_" + owner + "/rotate",
					"/webhooks/we_of_merchant_" + owner + "/test", "/webhooks/we_of_merchant_" + owner + "/state",
					"/webhooks/we_of_merchant_" + owner + "/delete", "/api-keys/key_of_merchant_" + owner + "/revoke",
					"/api-keys/key_of_merchant_" + owner + "/roll", "/events/evt_of_merchant_" + owner + "/redeliver",
					"/payments/" + payment + "/capture")) {
				this.mvc.perform(post(action).session(session).with(csrf()))
					.andExpect(own ? status().is3xxRedirection() : status().isNotFound());
			}
		}
	}

	@Test
	void amountsAreShownPerCurrencyNeverInMinorUnits() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_A);
		String balance = this.mvc.perform(get("/balance").session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(balance).contains("$19.99", "¥150,000").doesNotContain(">1999<", "1,500.00");
	}

	@Test
	void badInputAnswersAPageThatSaysWhatToDoNever500() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_A);
		long refundsBefore = refunds();
		for (String amount : List.of("abc", "-5", "0", "1.999", "1e400", "99999999999999999999999")) {
			String html = this.mvc
				.perform(post("/payments/" + FakeGateway.PAYMENT_A + "/refund").session(session)
					.with(csrf())
					.param("amount", amount)
					.param("idempotency_key", "0123456789abcdef0123"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).as(amount).contains("Enter a positive amount in USD");
		}
		assertThat(refunds()).isEqualTo(refundsBefore);
		this.mvc.perform(get("/payments").param("min", "ten").param("from", "yesterday").session(session))
			.andExpect(status().isOk());
		this.mvc.perform(get("/payments/%20%3Cscript%3E").session(session)).andExpect(status().is4xxClientError());
		this.mvc.perform(get("/no/such/page").session(session)).andExpect(status().isNotFound());
	}

	@Test
	void refundMovesMoneyOnceThenShowsThePayment() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_A);
		this.mvc
			.perform(post("/payments/" + FakeGateway.PAYMENT_A + "/refund").session(session)
				.with(csrf())
				.param("amount", "5.00")
				.param("idempotency_key", "0123456789abcdef0123"))
			.andExpect(redirectedUrl("/payments/" + FakeGateway.PAYMENT_A));
		assertThat(GATEWAY.requests).anyMatch(r -> r.startsWith("POST /v1/refunds"));
	}

	@Test
	void expiredOrMissingSessionSendsToSignIn() throws Exception {
		this.mvc.perform(get("/payments")).andExpect(redirectedUrl("/sign-in?expired"));
		this.mvc.perform(get("/operator/merchants")).andExpect(redirectedUrl("/sign-in?expired"));
	}

	@Test
	void liveKeysAndUnknownKeysCannotSignIn() throws Exception {
		this.mvc.perform(post("/sign-in/key").with(csrf()).param("api_key", "sk_live_whatever"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Location"));
		String html = this.mvc.perform(post("/sign-in/key").with(csrf()).param("api_key", "sk_test_unknown"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("This key was not accepted");
	}

	@Test
	void operatorWithoutTotpIsSentToEnrolAndRefusedEveryOperatorAction() throws Exception {
		MvcResult signIn = this.mvc
			.perform(post("/sign-in/password").with(csrf())
				.param("email", "operator@example.com")
				.param("password", "a long password"))
			.andExpect(redirectedUrl("/enrol"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) signIn.getRequest().getSession();
		// not a dead end: every page it opens sends it to set up TOTP
		for (String page : List.of("/operator/merchants", "/operator/fraud", "/operator/acquirers", "/", "/payments")) {
			this.mvc.perform(get(page).session(session)).andExpect(redirectedUrl("/enrol"));
		}
		this.mvc.perform(post("/operator/merchants/mer_a/live_approval").session(session).with(csrf()))
			.andExpect(status().isForbidden());
		String enrol = this.mvc.perform(get("/enrol").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(enrol).contains("JBSWY3DPEHPK3PXP").doesNotContain("revealed-secret");
		assertThat(GATEWAY.requests).noneMatch(r -> r.contains("live_approval"));
	}

	@Test
	void merchantCannotOpenOperatorPages() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_A);
		this.mvc.perform(get("/operator/merchants").session(session)).andExpect(status().isForbidden());
	}

	@Test
	void merchantSignsUpAndSeesItsTestKeyOnceThenIsSignedIn() throws Exception {
		this.mvc.perform(post("/sign-up").param("name", "Shop A").param("email", "a@example.com"))
			.andExpect(status().isForbidden());
		// over real HTTP: the key travels in a one-time flash attribute of the session
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> form = http.send(request("/console/sign-up", null).build(),
				HttpResponse.BodyHandlers.ofString());
		String cookie = sessionCookie(form);
		Matcher csrf = CSRF_FIELD.matcher(form.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> signedUp = http.send(request("/console/sign-up", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&name=Shop+A&email=a%40example.com"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedUp.statusCode()).isEqualTo(302);
		assertThat(signedUp.headers().firstValue("Location")).hasValue("/console/payments");
		String signedInCookie = sessionCookie(signedUp);
		assertThat(signedInCookie).as("a new session id at sign-in").isNotEqualTo(cookie);
		String first = http
			.send(request("/console/payments", signedInCookie).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(first).contains("Copy this secret now", FakeGateway.KEY_A, "Test mode");
		String again = http
			.send(request("/console/payments", signedInCookie).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(again).as("the key is shown once").contains("Test mode").doesNotContain(FakeGateway.KEY_A);
	}

	private HttpRequest.Builder request(String path, String cookie) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		return (cookie == null) ? builder : builder.header("Cookie", cookie);
	}

	private static String sessionCookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("EMBERPAY_CONSOLE="))
			.map(c -> c.substring(0, c.indexOf(';')))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aNewMerchantWithoutPaymentsSeesWhatToExpectNotAnError() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_NEW);
		for (String query : List.of("", "?status=succeeded", "?min=ten")) {
			String html = this.mvc.perform(get("/payments" + query).session(session))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).as(query).doesNotContain("Something went wrong");
		}
		assertThat(this.mvc.perform(get("/payments").session(session)).andReturn().getResponse().getContentAsString())
			.contains("No payments yet");
	}

	@Test
	void signUpWithBadOrTakenDetailsSaysWhatToDo() throws Exception {
		for (String email : List.of("not-an-email", "", "taken@example.com")) {
			String html = this.mvc.perform(post("/sign-up").with(csrf()).param("name", "Shop").param("email", email))
				.andExpect(status().isOk())
				.andExpect(header().doesNotExist("Location"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).as(email).contains("role=\"alert\"").contains("Create a merchant account");
		}
		this.mvc.perform(post("/sign-up").with(csrf())).andExpect(status().isOk());
	}

	@Test
	void operatorWithTotpDrainsAnAcquirerWithAReason() throws Exception {
		MockHttpSession session = operatorWithTotp();
		String page = this.mvc.perform(get("/operator/acquirers").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("psp-a", "psp-b", "Drain", "Force open");
		this.mvc
			.perform(post("/operator/acquirers/psp-a/drain").session(session)
				.with(csrf())
				.param("reason", "acquirer maintenance window"))
			.andExpect(redirectedUrl("/operator/acquirers"));
		assertThat(GATEWAY.bodies).anyMatch(
				b -> b.startsWith("POST /v1/acquirers/psp-a/drain ") && b.contains("acquirer maintenance window"));
		String drained = this.mvc.perform(get("/operator/acquirers").session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(drained).contains("draining", "Resume");
		this.mvc
			.perform(post("/operator/acquirers/psp-a/resume").session(session)
				.with(csrf())
				.param("reason", "maintenance over"))
			.andExpect(redirectedUrl("/operator/acquirers"));
		assertThat(GATEWAY.routing).containsEntry("psp-a", "active");
	}

	@Test
	void acquirersOfAPaymentServiceThatCannotDrainShowNoChangeForm() throws Exception {
		MockHttpSession session = operatorWithTotp();
		GATEWAY.routingReported = false;
		try {
			String page = this.mvc.perform(get("/operator/acquirers").session(session))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("psp-a", "cannot drain or force open yet").doesNotContain("Drain<", "Resume<");
		}
		finally {
			GATEWAY.routingReported = true;
		}
	}

	@Test
	void acquirerChangesNeedCsrfAReasonAndAKnownName() throws Exception {
		MockHttpSession session = operatorWithTotp();
		long before = acquirerCalls();
		this.mvc.perform(post("/operator/acquirers/psp-b/force_open").session(session).param("reason", "x"))
			.andExpect(status().isForbidden());
		String noReason = this.mvc
			.perform(post("/operator/acquirers/psp-b/force_open").session(session).with(csrf()).param("reason", "  "))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(noReason).contains("Say why");
		this.mvc.perform(post("/operator/acquirers/PSP B!/drain").session(session).with(csrf()).param("reason", "x"))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/operator/acquirers/psp-b/explode").session(session).with(csrf()).param("reason", "x"))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/operator/acquirers/psp-z/drain").session(session).with(csrf()).param("reason", "x"))
			.andExpect(status().isNotFound());
		assertThat(acquirerCalls()).isEqualTo(before + 1);
		assertThat(GATEWAY.routing).containsEntry("psp-b", "active");
	}

	@Test
	void operatorApprovesAPaymentInTheFraudReviewQueueWithANote() throws Exception {
		MockHttpSession session = operatorWithTotp();
		long decisionsBefore = GATEWAY.requests.stream().filter(r -> r.startsWith("POST /v1/fraud/reviews")).count();
		String queue = this.mvc.perform(get("/operator/fraud").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(queue).contains(FakeGateway.PAYMENT_IN_REVIEW, "¥500,000", "velocity_count", "Approve", "Decline");
		assertThat(INLINE_SCRIPT.matcher(queue).find()).isFalse();
		assertThat(INLINE_STYLE_OR_HANDLER.matcher(queue).find()).isFalse();
		String noNote = this.mvc
			.perform(post("/operator/fraud/" + FakeGateway.PAYMENT_IN_REVIEW + "/approve").session(session)
				.with(csrf())
				.param("note", ""))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(noNote).contains("Write a note");
		assertThat(GATEWAY.requests.stream().filter(r -> r.startsWith("POST /v1/fraud/reviews")).count())
			.isEqualTo(decisionsBefore);
		this.mvc
			.perform(post("/operator/fraud/" + FakeGateway.PAYMENT_IN_REVIEW + "/approve").session(session)
				.with(csrf())
				.param("note", "known customer"))
			.andExpect(redirectedUrl("/operator/fraud"));
		assertThat(GATEWAY.bodies)
			.anyMatch(b -> b.startsWith("POST /v1/fraud/reviews/" + FakeGateway.PAYMENT_IN_REVIEW + "/approve ")
					&& b.contains("known customer"));
		for (String payment : List.of(FakeGateway.PAYMENT_B, "pay_unknown", "not-a-payment", "pay_<script>")) {
			this.mvc.perform(
					post("/operator/fraud/" + payment + "/decline").session(session).with(csrf()).param("note", "x"))
				.andExpect(status().isNotFound());
		}
	}

	@Test
	void operatorPagesHaveNoInlineScriptAndMerchantsCannotActAsOperators() throws Exception {
		MockHttpSession operator = operatorWithTotp();
		for (String page : List.of("/operator/acquirers", "/operator/fraud", "/operator/merchants",
				"/operator/reconciliation", "/operator/users", "/operator/users?email=" + FakeGateway.USER_EMAIL)) {
			String html = this.mvc.perform(get(page).session(operator))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(INLINE_SCRIPT.matcher(html).find()).as("inline script on %s", page).isFalse();
			assertThat(INLINE_STYLE_OR_HANDLER.matcher(html).find()).as("inline style on %s", page).isFalse();
		}
		String signUp = this.mvc.perform(get("/sign-up")).andReturn().getResponse().getContentAsString();
		assertThat(INLINE_SCRIPT.matcher(signUp).find()).isFalse();
		MockHttpSession merchant = merchant(FakeGateway.KEY_A);
		long before = acquirerCalls();
		this.mvc.perform(post("/operator/acquirers/psp-a/drain").session(merchant).with(csrf()).param("reason", "x"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/operator/fraud/" + FakeGateway.PAYMENT_IN_REVIEW + "/approve").session(merchant)
				.with(csrf())
				.param("note", "x"))
			.andExpect(status().isForbidden());
		assertThat(acquirerCalls()).isEqualTo(before);
	}

	@Test
	void operatorSeesReconciliationExceptionsWithAmountsPerCurrency() throws Exception {
		MockHttpSession session = operatorWithTotp();
		String page = this.mvc.perform(get("/operator/reconciliation").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("exception-rex_1", "psp-a", "amount mismatch", "pay_neverseen", "ps_u1", "€42.00",
				"€41.00");
		assertThat(page).doesNotContain(">4200<", ">4100<");
	}

	@Test
	void operatorFindsAUserByEmailThenLocksAndUnlocksItWithAReason() throws Exception {
		MockHttpSession session = operatorWithTotp();
		GATEWAY.userLocked = false;
		String empty = this.mvc.perform(get("/operator/users").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(empty).contains("Nobody is shown until you search", "<label for=\"email\">");
		String found = this.mvc.perform(get("/operator/users").session(session).param("email", FakeGateway.USER_EMAIL))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(found).contains("user-" + FakeGateway.USER, "Lock account", "Sign out everywhere",
				"<label for=\"reason\">");

		long before = userActions();
		String noReason = this.mvc
			.perform(post("/operator/users/" + FakeGateway.USER + "/lock").session(session)
				.with(csrf())
				.param("reason", "  "))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(noReason).contains("Say why", "aria-invalid=\"true\"");
		assertThat(userActions()).isEqualTo(before);

		this.mvc
			.perform(post("/operator/users/" + FakeGateway.USER + "/lock").session(session)
				.with(csrf())
				.param("reason", "card testing"))
			.andExpect(redirectedUrl("/operator/users?user=" + FakeGateway.USER));
		assertThat(GATEWAY.bodies)
			.anyMatch(b -> b.startsWith("POST /v1/users/" + FakeGateway.USER + "/lock ") && b.contains("card testing"));
		String locked = this.mvc.perform(get("/operator/users").session(session).param("user", FakeGateway.USER))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(locked).contains("Unlock account", "card testing").doesNotContain("Lock account");

		// locked already: the API's 409 becomes a message, never an error page
		this.mvc
			.perform(post("/operator/users/" + FakeGateway.USER + "/lock").session(session)
				.with(csrf())
				.param("reason", "again"))
			.andExpect(redirectedUrl("/operator/users?user=" + FakeGateway.USER));
		this.mvc
			.perform(post("/operator/users/" + FakeGateway.USER + "/unlock").session(session)
				.with(csrf())
				.param("reason", "verified by phone"))
			.andExpect(redirectedUrl("/operator/users?user=" + FakeGateway.USER));
		this.mvc
			.perform(post("/operator/users/" + FakeGateway.USER + "/revoke_sessions").session(session)
				.with(csrf())
				.param("reason", "lost phone"))
			.andExpect(redirectedUrl("/operator/users?user=" + FakeGateway.USER));
		assertThat(GATEWAY.userLocked).isFalse();
	}

	@Test
	void userActionsNeedCsrfAKnownIdAndAnOperatorWithTotpAndBadInputIsNever500() throws Exception {
		MockHttpSession session = operatorWithTotp();
		long before = userActions();
		this.mvc.perform(post("/operator/users/" + FakeGateway.USER + "/lock").session(session).param("reason", "x"))
			.andExpect(status().isForbidden());
		for (String user : List.of("usr_someone_else", "pay_of_merchant_a", "usr_<script>", "mer_a")) {
			this.mvc
				.perform(post("/operator/users/" + user + "/lock").session(session).with(csrf()).param("reason", "x"))
				.andExpect(status().isNotFound());
		}
		this.mvc
			.perform(post("/operator/users/" + FakeGateway.USER + "/delete").session(session)
				.with(csrf())
				.param("reason", "x"))
			.andExpect(status().isNotFound());
		for (String email : List.of("not-an-email", "a".repeat(300) + "@example.com", "nobody@example.com",
				"<script>@x")) {
			String page = this.mvc.perform(get("/operator/users").session(session).param("email", email))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).containsAnyOf("Enter an e-mail address", "No account has").doesNotContain("<script>@x");
		}
		this.mvc.perform(get("/operator/users").session(session).param("user", "usr_unknown"))
			.andExpect(status().isOk());
		assertThat(userActions()).isEqualTo(before + 1);

		MockHttpSession withoutTotp = (MockHttpSession) this.mvc
			.perform(post("/sign-in/password").with(csrf())
				.param("email", "operator@example.com")
				.param("password", "a long password"))
			.andReturn()
			.getRequest()
			.getSession();
		MockHttpSession merchant = merchant(FakeGateway.KEY_A);
		this.mvc.perform(get("/operator/users").session(withoutTotp)).andExpect(redirectedUrl("/enrol"));
		this.mvc.perform(get("/operator/reconciliation").session(withoutTotp)).andExpect(redirectedUrl("/enrol"));
		this.mvc.perform(get("/operator/users").session(merchant)).andExpect(status().isForbidden());
		this.mvc.perform(get("/operator/reconciliation").session(merchant)).andExpect(status().isForbidden());
		for (MockHttpSession refused : List.of(withoutTotp, merchant)) {
			this.mvc
				.perform(post("/operator/users/" + FakeGateway.USER + "/lock").session(refused)
					.with(csrf())
					.param("reason", "x"))
				.andExpect(status().isForbidden());
		}
		assertThat(userActions()).isEqualTo(before + 1);
	}

	@Test
	void operatorWithoutTotpCannotDrainAnAcquirerNorDecideAReview() throws Exception {
		MockHttpSession session = (MockHttpSession) this.mvc
			.perform(post("/sign-in/password").with(csrf())
				.param("email", "operator@example.com")
				.param("password", "a long password"))
			.andReturn()
			.getRequest()
			.getSession();
		long before = acquirerCalls();
		this.mvc.perform(post("/operator/acquirers/psp-a/drain").session(session).with(csrf()).param("reason", "x"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/operator/fraud/" + FakeGateway.PAYMENT_IN_REVIEW + "/approve").session(session)
				.with(csrf())
				.param("note", "x"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/operator/fraud").session(session)).andExpect(redirectedUrl("/enrol"));
		assertThat(acquirerCalls()).isEqualTo(before);
	}

	@Test
	void wrongTotpCodeKeepsTheOperatorOut() throws Exception {
		MockHttpSession session = (MockHttpSession) this.mvc
			.perform(post("/sign-in/password").with(csrf())
				.param("email", FakeGateway.OTP_OPERATOR)
				.param("password", "a long password"))
			.andExpect(redirectedUrl("/sign-in/code"))
			.andReturn()
			.getRequest()
			.getSession();
		String html = this.mvc.perform(post("/sign-in/code").session(session).with(csrf()).param("code", "000000"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("That code was not accepted");
		this.mvc.perform(get("/operator/acquirers").session(session)).andExpect(redirectedUrl("/sign-in?expired"));
	}

	@Test
	void aSessionWhoseKeyWasRevokedEndsAtTheNextPageNever500() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_B);
		GATEWAY.revoked.add(FakeGateway.KEY_B);
		try {
			this.mvc.perform(get("/payments").session(session)).andExpect(redirectedUrl("/sign-in?expired"));
			this.mvc.perform(get("/payments").session(session)).andExpect(redirectedUrl("/sign-in?expired"));
			this.mvc.perform(post("/sign-in/key").with(csrf()).param("api_key", FakeGateway.KEY_B))
				.andExpect(status().isOk());
		}
		finally {
			GATEWAY.revoked.remove(FakeGateway.KEY_B);
		}
	}

	private MockHttpSession operatorWithTotp() throws Exception {
		return new ConsoleSignIn(this.mvc).operatorWithTotp();
	}

	private static long acquirerCalls() {
		return GATEWAY.requests.stream().filter(r -> r.startsWith("POST /v1/acquirers")).count();
	}

	private static long userActions() {
		return GATEWAY.requests.stream().filter(r -> r.startsWith("POST /v1/users/")).count();
	}

	private static long refunds() {
		return GATEWAY.requests.stream().filter(r -> r.startsWith("POST /v1/refunds")).count();
	}

	private MockHttpSession merchant(String key) throws Exception {
		return new ConsoleSignIn(this.mvc).merchant(key);
	}

}
