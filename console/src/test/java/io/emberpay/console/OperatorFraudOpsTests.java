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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operator pages for fraud lists and thresholds, the merchants list with a confirmed
 * and reasoned suspension, the audit log across services and the ledger's integrity:
 * labelled forms, CSRF and TOTP on every change, bad input a message and never a 500, no
 * inline script or style.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class OperatorFraudOpsTests {

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
	void anOperatorBlocksABinWithAReasonAndRemovesItAfterConfirming() throws Exception {
		MockHttpSession session = operatorWithTotp();
		String empty = page(session, "/operator/fraud/lists?list=bin");
		assertThat(empty).contains("The Card BIN list is empty.", "<label for=\"entry-value\">",
				"<label for=\"entry-reason\">", "name=\"_csrf\"");

		this.mvc
			.perform(post("/operator/fraud/lists/bin/add").session(session)
				.with(csrf())
				.param("value", " 411111 ")
				.param("action", "block")
				.param("reason", "Card testing from this BIN"))
			.andExpect(redirectedUrl("/operator/fraud/lists?list=bin"))
			.andExpect(flash().attribute("notice", org.hamcrest.Matchers.containsString("411111")));
		assertThat(GATEWAY.bodies).anyMatch(b -> b.startsWith("PUT /v1/fraud/lists/bin/entries/411111 ")
				&& b.contains("\"action\":\"block\"") && b.contains("\"reason\":\"Card testing from this BIN\""));
		assertThat(page(session, "/operator/fraud/lists?list=bin")).contains("411111", "Card testing from this BIN");

		String confirm = this.mvc
			.perform(post("/operator/fraud/lists/bin/remove").session(session).with(csrf()).param("value", "411111"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(confirm).contains("Remove this entry?", "name=\"confirmed\" value=\"true\"", "name=\"_csrf\"");
		assertThat(GATEWAY.operatorPages.lists.get("bin")).as("nothing is removed before confirming")
			.containsKey("411111");
		this.mvc
			.perform(post("/operator/fraud/lists/bin/remove").session(session)
				.with(csrf())
				.param("value", "411111")
				.param("confirmed", "true"))
			.andExpect(redirectedUrl("/operator/fraud/lists?list=bin"))
			.andExpect(flash().attributeExists("notice"));
		assertThat(GATEWAY.operatorPages.lists.get("bin")).doesNotContainKey("411111");
		// removed meanwhile: a message, not an error page
		this.mvc
			.perform(post("/operator/fraud/lists/bin/remove").session(session)
				.with(csrf())
				.param("value", "411111")
				.param("confirmed", "true"))
			.andExpect(redirectedUrl("/operator/fraud/lists?list=bin"))
			.andExpect(flash().attributeExists("error"));
	}

	@Test
	void badListInputIsAMessageOrA404AndNeverA500() throws Exception {
		MockHttpSession session = operatorWithTotp();
		for (String[] input : new String[][] { { "", "block", "why" }, { "411111", "maybe", "why" },
				{ "411111", "block", "   " }, { "411111", "block", "x".repeat(501) }, { "x".repeat(129), "block", "y" },
				{ "12ab", "block", "fraud-service refuses the shape" } }) {
			String page = this.mvc
				.perform(post("/operator/fraud/lists/bin/add").session(session)
					.with(csrf())
					.param("value", input[0])
					.param("action", input[1])
					.param("reason", input[2]))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("role=\"alert\"", "aria-invalid=\"true\"");
		}
		assertThat(GATEWAY.operatorPages.lists.getOrDefault("bin", java.util.Map.of())).doesNotContainKey("12ab");
		this.mvc
			.perform(post("/operator/fraud/lists/no_such_list/add").session(session)
				.with(csrf())
				.param("value", "1")
				.param("action", "block")
				.param("reason", "x"))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/operator/fraud/lists/device/remove").session(session)
				.with(csrf())
				.param("value", "not-on-the-list"))
			.andExpect(status().isNotFound());
		assertThat(page(session, "/operator/fraud/lists?list=<script>")).contains("Card BIN");
	}

	@Test
	void anOperatorChangesAMerchantsThresholdsAfterConfirming() throws Exception {
		MockHttpSession session = operatorWithTotp();
		String shown = page(session, "/operator/fraud/thresholds?merchant=mer_a");
		assertThat(shown).contains("Shop A", "<label for=\"review-at\">", "<label for=\"decline-at\">", "value=\"50\"",
				"value=\"80\"", "uses the platform's defaults");
		String confirm = this.mvc
			.perform(post("/operator/fraud/thresholds/mer_a").session(session)
				.with(csrf())
				.param("review_at", "60")
				.param("decline_at", "90"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(confirm).contains("Change these thresholds?", "name=\"confirmed\" value=\"true\"", "60", "90");
		assertThat(GATEWAY.operatorPages.thresholds).doesNotContainKey("mer_a");
		this.mvc
			.perform(post("/operator/fraud/thresholds/mer_a").session(session)
				.with(csrf())
				.param("review_at", "60")
				.param("decline_at", "90")
				.param("confirmed", "true"))
			.andExpect(redirectedUrl("/operator/fraud/thresholds?merchant=mer_a"));
		assertThat(GATEWAY.operatorPages.thresholds.get("mer_a")).containsExactly(60, 90);

		for (String[] input : new String[][] { { "0", "50" }, { "90", "60" }, { "abc", "50" }, { "", "" },
				{ "50", "101" }, { "99999999999", "50" } }) {
			String page = this.mvc
				.perform(post("/operator/fraud/thresholds/mer_a").session(session)
					.with(csrf())
					.param("review_at", input[0])
					.param("decline_at", input[1])
					.param("confirmed", "true"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("Enter whole numbers from 1 to 100", "aria-invalid=\"true\"");
		}
		assertThat(GATEWAY.operatorPages.thresholds.get("mer_a")).containsExactly(60, 90);
		assertThat(page(session, "/operator/fraud/thresholds?merchant=not-a-merchant")).contains("Enter a merchant id");
		assertThat(page(session, "/operator/fraud/thresholds?merchant=mer_unknown"))
			.contains("No merchant has the id mer_unknown")
			.doesNotContain("id=\"thresholds\"");
		this.mvc
			.perform(post("/operator/fraud/thresholds/<script>").session(session)
				.with(csrf())
				.param("review_at", "1")
				.param("decline_at", "2"))
			.andExpect(status().isNotFound());
	}

	@Test
	void operatorsListAndSearchMerchantsAndSuspendOnlyWithConfirmationAndAReason() throws Exception {
		MockHttpSession session = operatorWithTotp();
		String first = page(session, "/operator/merchants");
		assertThat(first).contains("Books B", "books@example.org", "id=\"next-page\"", "starting_after=mer_b")
			.doesNotContain("Shop A");
		assertThat(page(session, "/operator/merchants?starting_after=mer_b")).contains("Shop A")
			.doesNotContain("id=\"next-page\"");
		assertThat(page(session, "/operator/merchants?query=shop-a")).contains("Shop A").doesNotContain("Books B");
		assertThat(page(session, "/operator/merchants?query=nobody")).contains("No merchant name or e-mail contains");
		for (String typed : List.of("{x}", "a&b=c", "100%", "shop+a")) {
			assertThat(page(session,
					"/operator/merchants?query="
							+ java.net.URLEncoder.encode(typed, java.nio.charset.StandardCharsets.UTF_8)))
				.contains("No merchant name or e-mail contains");
		}
		assertThat(GATEWAY.requests).anyMatch(r -> r.startsWith("GET /v1/merchants "));
		assertThat(page(session, "/operator/merchants?query=" + "x".repeat(201))).contains("at most 200 characters");

		String confirm = this.mvc.perform(post("/operator/merchants/mer_b/suspend").session(session).with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(confirm).contains("Suspend this merchant?", "<label for=\"suspend-reason\">",
				"name=\"confirmed\" value=\"true\"", "name=\"_csrf\"");
		String noReason = this.mvc
			.perform(post("/operator/merchants/mer_b/suspend").session(session)
				.with(csrf())
				.param("confirmed", "true")
				.param("reason", "  "))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(noReason).contains("Say why", "aria-invalid=\"true\"");
		assertThat(GATEWAY.operatorPages.merchantStatus.get("mer_b")).isEqualTo("active");

		this.mvc
			.perform(post("/operator/merchants/mer_b/suspend").session(session)
				.with(csrf())
				.param("confirmed", "true")
				.param("reason", "Chargebacks above the limit"))
			.andExpect(redirectedUrl("/operator/merchants?merchant=mer_b"));
		assertThat(GATEWAY.operatorPages.merchantStatus.get("mer_b")).isEqualTo("suspended");
		assertThat(GATEWAY.bodies).anyMatch(b -> b.startsWith("POST /v1/merchants/mer_b/suspend ")
				&& b.contains("\"reason\":\"Chargebacks above the limit\""));
		GATEWAY.operatorPages.merchantStatus.put("mer_b", "active");
		this.mvc.perform(post("/operator/merchants/<script>/suspend").session(session).with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	void theAuditLogShowsEverySourceNewestFirstAndFiltersBySource() throws Exception {
		MockHttpSession session = operatorWithTotp();
		String all = page(session, "/operator/audit");
		assertThat(all).contains("Chargebacks above the limit", "merchant suspended", "Acquirer maintenance window",
				"active → draining", "block: card testing", "Refund event came a day late", "data-viewer-zone");
		assertThat(all.indexOf("data-source=\"security\"")).as("newest first")
			.isLessThan(all.indexOf("data-source=\"acquirers\""));
		assertThat(all.indexOf("data-source=\"acquirers\"")).isLessThan(all.indexOf("data-source=\"fraud\""));

		String routing = page(session, "/operator/audit?source=acquirers");
		assertThat(routing).contains("Acquirer maintenance window").doesNotContain("block: card testing");
		assertThat(page(session, "/operator/audit?source=<script>")).contains("Acquirer maintenance window");

		GATEWAY.operatorPages.routingAuditUp = false;
		try {
			assertThat(page(session, "/operator/audit")).contains("Acquirer routing: this source did not answer",
					"block: card testing");
			assertThat(page(session, "/operator/audit?source=acquirers")).contains("No operator actions recorded");
		}
		finally {
			GATEWAY.operatorPages.routingAuditUp = true;
		}
	}

	@Test
	void theLedgerPageSaysWhetherTheCheckPassedWhatFailedAndWhen() throws Exception {
		MockHttpSession session = operatorWithTotp();
		String ok = page(session, "/operator/ledger");
		assertThat(ok).contains("id=\"integrity-ok\"", "id=\"checked-at\"", "each visit of this page runs a full check")
			.doesNotContain("id=\"integrity-failed\"");
		GATEWAY.operatorPages.ledgerBroken = true;
		try {
			assertThat(page(session, "/operator/ledger")).contains("id=\"integrity-failed\"",
					"transaction 17 does not balance", "One problem:");
		}
		finally {
			GATEWAY.operatorPages.ledgerBroken = false;
		}
	}

	@Test
	void theNewPagesHaveNoInlineScriptOrStyle() throws Exception {
		MockHttpSession session = operatorWithTotp();
		for (String page : List.of("/operator/fraud/lists", "/operator/fraud/lists?list=device",
				"/operator/fraud/thresholds", "/operator/fraud/thresholds?merchant=mer_a", "/operator/merchants",
				"/operator/merchants?merchant=mer_a", "/operator/audit", "/operator/ledger")) {
			String html = page(session, page);
			assertThat(INLINE_STYLE_OR_SCRIPT.matcher(html).find()).as("inline script or style on %s", page).isFalse();
		}
		String confirm = this.mvc.perform(post("/operator/merchants/mer_a/suspend").session(session).with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(INLINE_STYLE_OR_SCRIPT.matcher(confirm).find()).isFalse();
	}

	@Test
	void changesNeedCsrfAndAnOperatorWithTotp() throws Exception {
		MockHttpSession operator = operatorWithTotp();
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
		int before = GATEWAY.bodies.size();
		for (MockHttpSession refused : new MockHttpSession[] { merchant, withoutTotp }) {
			for (MockHttpServletRequestBuilder change : changes()) {
				this.mvc.perform(change.session(refused).with(csrf())).andExpect(status().isForbidden());
			}
		}
		for (MockHttpServletRequestBuilder change : changes()) {
			this.mvc.perform(change.session(operator)).andExpect(status().isForbidden());
		}
		assertThat(GATEWAY.bodies.subList(before, GATEWAY.bodies.size()))
			.noneMatch(b -> b.startsWith("PUT ") || b.startsWith("DELETE ") || b.contains("/suspend "));
		for (String page : List.of("/operator/fraud/lists", "/operator/fraud/thresholds", "/operator/audit",
				"/operator/ledger")) {
			this.mvc.perform(get(page).session(merchant)).andExpect(status().isForbidden());
			this.mvc.perform(get(page).session(withoutTotp)).andExpect(redirectedUrl("/enrol"));
		}
	}

	private static List<MockHttpServletRequestBuilder> changes() {
		return List.of(
				post("/operator/fraud/lists/bin/add").param("value", "411111")
					.param("action", "block")
					.param("reason", "x"),
				post("/operator/fraud/lists/bin/remove").param("value", "411111").param("confirmed", "true"),
				post("/operator/fraud/thresholds/mer_a").param("review_at", "10")
					.param("decline_at", "20")
					.param("confirmed", "true"),
				post("/operator/merchants/mer_a/suspend").param("reason", "x").param("confirmed", "true"));
	}

	private String page(MockHttpSession session, String path) throws Exception {
		return new ConsoleSignIn(this.mvc).page(session, path);
	}

	private MockHttpSession operatorWithTotp() throws Exception {
		return new ConsoleSignIn(this.mvc).operatorWithTotp();
	}

}
