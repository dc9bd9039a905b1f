package io.emberpay.console;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Operators resolve reconciliation exceptions from the console: a labelled form per open
 * exception, a confirmation page, CSRF on every post; resolved ones show who, when and
 * why; the page filters open and resolved ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class OperatorReconciliationTests {

	private static final FakeGateway GATEWAY = FakeGateway.start();

	private static final Pattern INLINE_STYLE_OR_SCRIPT = Pattern
		.compile("<style|\\sstyle=|\\son[a-z]+=|<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("emberpay.console.gateway-url", GATEWAY::url);
	}

	@Test
	void anOperatorResolvesAnOpenExceptionAfterConfirmingAndSeesItResolved() throws Exception {
		GATEWAY.exceptionResolved = false;
		MockHttpSession session = operatorWithTotp();
		String open = page(session, "/operator/reconciliation");
		assertThat(open)
			.contains("exception-rex_1", "<label for=\"resolution-rex_1\">", "<label for=\"note-rex_1\">",
					"name=\"_csrf\"", "Written off", "€42.00", "€41.00")
			.doesNotContain("exception-rex_2");
		assertThat(INLINE_STYLE_OR_SCRIPT.matcher(open).find()).isFalse();

		String confirm = this.mvc
			.perform(post("/operator/reconciliation/rex_1/resolve").session(session)
				.with(csrf())
				.param("resolution", "acquirer_error")
				.param("note", "  Acquirer confirmed the short payment  "))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(confirm).contains("Resolve this exception?", "Acquirer error",
				"Acquirer confirmed the short payment", "name=\"confirmed\" value=\"true\"", "name=\"_csrf\"");
		assertThat(resolutions()).as("nothing is resolved before the operator confirms").isZero();

		this.mvc
			.perform(post("/operator/reconciliation/rex_1/resolve").session(session)
				.with(csrf())
				.param("resolution", "acquirer_error")
				.param("note", "Acquirer confirmed the short payment")
				.param("confirmed", "true"))
			.andExpect(redirectedUrl("/operator/reconciliation"))
			.andExpect(flash().attribute("notice", org.hamcrest.Matchers.containsString("resolved as acquirer error")));
		assertThat(resolutions()).isEqualTo(1);
		assertThat(GATEWAY.bodies)
			.anyMatch(b -> b.startsWith("POST /v1/ledger/reconciliation_exceptions/rex_1/resolve ")
					&& b.contains("\"resolution\":\"acquirer_error\"")
					&& b.contains("\"note\":\"Acquirer confirmed the short payment\""));

		String resolved = page(session, "/operator/reconciliation?status=resolved");
		assertThat(resolved)
			.contains("exception-rex_1", "exception-rex_2", "usr_finance", "Refund event came a day late", "Timing",
					"2026-11-23T09:10:11Z")
			.doesNotContain("<label for=\"note-rex_2\">", "<label for=\"note-rex_1\">");
		assertThat(page(session, "/operator/reconciliation")).doesNotContain("exception-rex_1");

		// resolved meanwhile by someone else: the API's 409 becomes a message
		this.mvc
			.perform(post("/operator/reconciliation/rex_1/resolve").session(session)
				.with(csrf())
				.param("resolution", "timing")
				.param("note", "again")
				.param("confirmed", "true"))
			.andExpect(redirectedUrl("/operator/reconciliation"))
			.andExpect(flash().attributeExists("error"));
		GATEWAY.exceptionResolved = false;
	}

	@Test
	void resolvingNeedsCsrfAReasonANoteAndAKnownId() throws Exception {
		GATEWAY.exceptionResolved = false;
		MockHttpSession session = operatorWithTotp();
		long before = resolutions();
		this.mvc
			.perform(post("/operator/reconciliation/rex_1/resolve").session(session)
				.param("resolution", "timing")
				.param("note", "no token")
				.param("confirmed", "true"))
			.andExpect(status().isForbidden());
		for (String[] input : new String[][] { { "timing", "   " }, { "", "a note" }, { "ignored", "a note" },
				{ "timing", "x".repeat(501) } }) {
			String page = this.mvc
				.perform(post("/operator/reconciliation/rex_1/resolve").session(session)
					.with(csrf())
					.param("resolution", input[0])
					.param("note", input[1])
					.param("confirmed", "true"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("Choose a resolution and write a note", "aria-invalid=\"true\"");
		}
		for (String id : new String[] { "rex_unknown", "pay_of_merchant_a", "rex_<script>" }) {
			this.mvc
				.perform(post("/operator/reconciliation/" + id + "/resolve").session(session)
					.with(csrf())
					.param("resolution", "timing")
					.param("note", "x"))
				.andExpect(status().isNotFound());
		}
		assertThat(resolutions()).isEqualTo(before);
	}

	@Test
	void merchantsAndOperatorsWithoutTotpCannotResolve() throws Exception {
		MockHttpSession merchant = (MockHttpSession) this.mvc
			.perform(post("/sign-in/key").with(csrf()).param("api_key", FakeGateway.KEY_A))
			.andExpect(redirectedUrl("/payments"))
			.andReturn()
			.getRequest()
			.getSession();
		MockHttpSession withoutTotp = (MockHttpSession) this.mvc
			.perform(post("/sign-in/password").with(csrf())
				.param("email", "operator@example.com")
				.param("password", "a long password"))
			.andReturn()
			.getRequest()
			.getSession();
		long before = resolutions();
		for (MockHttpSession refused : new MockHttpSession[] { merchant, withoutTotp }) {
			this.mvc
				.perform(post("/operator/reconciliation/rex_1/resolve").session(refused)
					.with(csrf())
					.param("resolution", "timing")
					.param("note", "x")
					.param("confirmed", "true"))
				.andExpect(status().isForbidden());
		}
		assertThat(resolutions()).isEqualTo(before);
	}

	private String page(MockHttpSession session, String path) throws Exception {
		return new ConsoleSignIn(this.mvc).page(session, path);
	}

	private MockHttpSession operatorWithTotp() throws Exception {
		return new ConsoleSignIn(this.mvc).operatorWithTotp();
	}

	private static long resolutions() {
		return GATEWAY.requests.stream()
			.filter(r -> r.startsWith("POST /v1/ledger/reconciliation_exceptions/"))
			.count();
	}

}
