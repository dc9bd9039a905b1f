package io.emberpay.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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
		for (String page : List.of("/webhooks/we_of_merchant_b", "/payments/" + FakeGateway.PAYMENT_B + "/capture",
				"/payments/" + FakeGateway.PAYMENT_B + "/cancel")) {
			this.mvc.perform(get(page).session(session)).andExpect(status().isNotFound());
		}
		for (String action : List.of("/webhooks/we_of_merchant_b/rotate", "/webhooks/we_of_merchant_b/test",
				"/webhooks/we_of_merchant_b/state", "/webhooks/we_of_merchant_b/delete",
				"/api-keys/key_of_merchant_b/revoke", "/api-keys/key_of_merchant_b/roll",
				"/events/evt_of_merchant_b/redeliver", "/payments/" + FakeGateway.PAYMENT_B + "/capture")) {
			this.mvc.perform(post(action).session(session).with(csrf())).andExpect(status().isNotFound());
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
		this.mvc.perform(get("/operator/merchants").session(session)).andExpect(status().isForbidden());
		this.mvc.perform(post("/operator/merchants/mer_a/live_approval").session(session).with(csrf()))
			.andExpect(status().isForbidden());
		String enrol = this.mvc.perform(get("/enrol").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(enrol).contains("JBSWY3DPEHPK3PXP");
		assertThat(GATEWAY.requests).noneMatch(r -> r.contains("live_approval"));
	}

	@Test
	void merchantCannotOpenOperatorPages() throws Exception {
		MockHttpSession session = merchant(FakeGateway.KEY_A);
		this.mvc.perform(get("/operator/merchants").session(session)).andExpect(status().isForbidden());
	}

	private static long refunds() {
		return GATEWAY.requests.stream().filter(r -> r.startsWith("POST /v1/refunds")).count();
	}

	private MockHttpSession merchant(String key) throws Exception {
		MvcResult result = this.mvc.perform(post("/sign-in/key").with(csrf()).param("api_key", key))
			.andExpect(redirectedUrl("/payments"))
			.andReturn();
		return (MockHttpSession) result.getRequest().getSession();
	}

}
