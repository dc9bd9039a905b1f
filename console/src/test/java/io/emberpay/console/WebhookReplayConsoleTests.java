package io.emberpay.console;

import java.util.regex.Matcher;
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
 * Issue #25 in the console: replaying an endpoint's failed events of a range (form,
 * confirmation, result) and an attempt's request and response.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class WebhookReplayConsoleTests {

	private static final FakeGateway GATEWAY = FakeGateway.start();

	private static final String PAGE = "/webhooks/" + FakeGateway.WEBHOOK_A;

	private static final Pattern INLINE_SCRIPT_STYLE_OR_HANDLER = Pattern
		.compile("<script(?![^>]*\\ssrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("emberpay.console.gateway-url", GATEWAY::url);
	}

	@Test
	void endpointPageOffersALabelledReplayFormForTheLastDayAndShowsAnAttemptsRequestAndResponse() throws Exception {
		String html = page(PAGE, merchant());

		assertThat(html).contains("Replay failed events", "<label for=\"replay-from\">", "<label for=\"replay-to\">",
				"type=\"datetime-local\"");
		Matcher from = Pattern.compile("id=\"replay-from\"[^>]*value=\"([^\"]+)\"").matcher(html);
		Matcher to = Pattern.compile("id=\"replay-to\"[^>]*value=\"([^\"]+)\"").matcher(html);
		assertThat(from.find() && to.find()).isTrue();
		assertThat(java.time.Duration.between(java.time.LocalDateTime.parse(from.group(1)),
				java.time.LocalDateTime.parse(to.group(1))))
			.isEqualTo(java.time.Duration.ofHours(24));
		assertThat(html).contains("<details", "<summary>", "webhook-signature", "v1,c2lnbmF0dXJl", "receiver exploded",
				"HTTP 500");
		assertThat(INLINE_SCRIPT_STYLE_OR_HANDLER.matcher(html).find()).isFalse();
	}

	@Test
	void replayIsConfirmedThenQueuedOnceWithAnIdempotencyKeyAndTheCountShown() throws Exception {
		MockHttpSession session = merchant();
		String confirm = page(PAGE + "/replay?from=2026-11-21T00:00&to=2026-11-22T00:00", session);
		assertThat(confirm).contains("Replay failed events?", "name=\"_csrf\"", "2026-11-21T00:00", "2026-11-22T00:00");
		assertThat(INLINE_SCRIPT_STYLE_OR_HANDLER.matcher(confirm).find()).isFalse();
		Matcher key = Pattern.compile("name=\"idempotency_key\" value=\"([^\"]+)\"").matcher(confirm);
		assertThat(key.find()).isTrue();
		int before = GATEWAY.replays.size();

		this.mvc
			.perform(post(PAGE + "/replay").session(session)
				.with(csrf())
				.param("from", "2026-11-21T00:00")
				.param("to", "2026-11-22T00:00")
				.param("idempotency_key", key.group(1)))
			.andExpect(redirectedUrl(PAGE))
			.andExpect(flash().attribute("notice", "3 events queued for delivery again."));

		assertThat(GATEWAY.replays).hasSize(before + 1);
		assertThat(GATEWAY.replays.get(before)).contains("\"created_gte\":\"2026-11-21T00:00:00Z\"",
				"\"created_lt\":\"2026-11-22T00:00:00Z\"", key.group(1));
	}

	@Test
	void aRangeTheApiRefusesIsShownOnTheConfirmationPage() throws Exception {
		String html = this.mvc
			.perform(post(PAGE + "/replay").session(merchant())
				.with(csrf())
				.param("from", "2026-11-22T00:00")
				.param("to", "2026-11-21T00:00"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("created_lt must be after created_gte", "Replay failed events?");
	}

	@Test
	void replayWithoutCsrfTokenIsRefusedAndNothingIsQueued() throws Exception {
		MockHttpSession session = merchant();
		int before = GATEWAY.replays.size();
		this.mvc
			.perform(post(PAGE + "/replay").session(session)
				.param("from", "2026-11-21T00:00")
				.param("to", "2026-11-22T00:00"))
			.andExpect(status().isForbidden());
		assertThat(GATEWAY.replays).hasSize(before);
	}

	@Test
	void anotherMerchantsEndpointCannotBeReplayed() throws Exception {
		MockHttpSession session = merchant();
		this.mvc.perform(get("/webhooks/we_of_merchant_b/replay").session(session)).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/webhooks/we_of_merchant_b/replay").session(session)
				.with(csrf())
				.param("from", "2026-11-21T00:00")
				.param("to", "2026-11-22T00:00"))
			.andExpect(status().isNotFound());
	}

	private String page(String path, MockHttpSession session) throws Exception {
		return new ConsoleSignIn(this.mvc).page(session, path);
	}

	private MockHttpSession merchant() throws Exception {
		return new ConsoleSignIn(this.mvc).merchant(FakeGateway.KEY_A);
	}

}
