package io.emberpay.console;

import io.emberpay.console.gateway.GatewayApi;
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
 * What a merchant and an operator do in the console, against a stand-in gateway that
 * answers in the API version it is asked for: a payment's risk, acquirer and routing
 * reason, capture and cancel behind a confirmation, API keys whose secret is shown once,
 * suspending a merchant.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MerchantConsoleTests {

	private static final FakeGateway GATEWAY = FakeGateway.start();

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("emberpay.console.gateway-url", GATEWAY::url);
	}

	@Test
	void paymentShowsItsRiskScoreReasonsAcquirerAndRoutingReasonInTheCurrentApiVersion() throws Exception {
		MockHttpSession session = merchant();
		String page = page(session, "/payments/" + FakeGateway.PAYMENT_A);
		// the merchant is pinned to an older version, where the assessment is "fraud":
		// the console names the version it is written against
		assertThat(page).contains("37 / 100", "velocity_count", "new_device", "psp-b",
				"failover (an earlier acquirer did nothing)");
		assertThat(page).contains("Fraud screening</strong>", "Routed</strong>")
			.doesNotContain("No fraud screening result", "No acquirer yet");
		assertThat(GATEWAY.versions).isNotEmpty().containsOnly(GatewayApi.API_VERSION);
		assertThat(GatewayApi.API_VERSION).isNotEqualTo(FakeGateway.PINNED_VERSION);
	}

	@Test
	void createdAndRolledKeysShowTheirSecretOnceOnly() throws Exception {
		MockHttpSession session = merchant();
		this.mvc.perform(post("/api-keys").session(session).param("mode", "test")).andExpect(status().isForbidden());
		this.mvc.perform(post("/api-keys").session(session).with(csrf()).param("mode", "test"))
			.andExpect(redirectedUrl("/api-keys"))
			.andExpect(flash().attribute("secret", "sk_test_created_a_secret"));
		assertThat(page(session, "/api-keys")).contains("Copy this secret now", "sk_test_created_a_secret");
		assertThat(page(session, "/api-keys")).doesNotContain("sk_test_created_a_secret");

		this.mvc.perform(
				post("/api-keys/key_of_merchant_a/roll").session(session).with(csrf()).param("expires_in_hours", "24"))
			.andExpect(redirectedUrl("/api-keys"))
			.andExpect(flash().attribute("secret", "sk_test_rolled_a_secret"));
		assertThat(GATEWAY.bodies)
			.anyMatch(b -> b.startsWith("POST /v1/merchants/mer_a/api_keys/key_of_merchant_a/roll ")
					&& b.contains("\"expires_in_seconds\":86400"));
		assertThat(page(session, "/api-keys")).contains("sk_test_rolled_a_secret", "in 24 hour(s)");
		assertThat(page(session, "/api-keys")).doesNotContain("sk_test_rolled_a_secret");
	}

	@Test
	void captureAndCancelAskForConfirmationThenSucceed() throws Exception {
		MockHttpSession session = merchant();
		String payment = FakeGateway.PAYMENT_A_UNCAPTURED;
		assertThat(page(session, "/payments/" + payment)).contains("Capture…", "Cancel…");
		long before = actions(payment);
		String capture = page(session, "/payments/" + payment + "/capture");
		assertThat(capture).contains("Capture this payment?", "name=\"idempotency_key\"");
		assertThat(actions(payment)).as("the confirmation page moves no money").isEqualTo(before);
		this.mvc
			.perform(post("/payments/" + payment + "/capture").session(session)
				.with(csrf())
				.param("amount", "")
				.param("idempotency_key", "capture-0123456789abcdef"))
			.andExpect(redirectedUrl("/payments/" + payment))
			.andExpect(flash().attribute("notice", "The payment was captured."));

		assertThat(page(session, "/payments/" + payment + "/cancel")).contains("Cancel this payment?")
			.doesNotContain("id=\"amount\"");
		this.mvc
			.perform(post("/payments/" + payment + "/cancel").session(session)
				.with(csrf())
				.param("idempotency_key", "cancel-0123456789abcdef"))
			.andExpect(redirectedUrl("/payments/" + payment))
			.andExpect(flash().attribute("notice", "The payment was canceled."));
		assertThat(GATEWAY.requests).anyMatch(r -> r.startsWith("POST /v1/payments/" + payment + "/capture "))
			.anyMatch(r -> r.startsWith("POST /v1/payments/" + payment + "/cancel "));
		assertThat(actions(payment)).isEqualTo(before + 2);
	}

	@Test
	void operatorSuspendsAMerchant() throws Exception {
		MockHttpSession session = operatorWithTotp();
		String merchant = FakeGateway.MERCHANT_TO_SUSPEND;
		assertThat(page(session, "/operator/merchants?merchant=" + merchant)).contains("Shop S", ">Suspend<");
		this.mvc.perform(post("/operator/merchants/" + merchant + "/suspend").session(session))
			.andExpect(status().isForbidden());
		assertThat(GATEWAY.merchantSuspended).isFalse();
		// suspending asks to confirm, with a reason for the security audit
		assertThat(this.mvc.perform(post("/operator/merchants/" + merchant + "/suspend").session(session).with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Suspend this merchant?");
		assertThat(GATEWAY.merchantSuspended).isFalse();
		this.mvc
			.perform(post("/operator/merchants/" + merchant + "/suspend").session(session)
				.with(csrf())
				.param("reason", "Card testing")
				.param("confirmed", "true"))
			.andExpect(redirectedUrl("/operator/merchants?merchant=" + merchant));
		assertThat(GATEWAY.merchantSuspended).isTrue();
		assertThat(page(session, "/operator/merchants?merchant=" + merchant)).contains("its keys stop working")
			.doesNotContain(">Suspend<");
		MockHttpSession shop = merchant();
		this.mvc.perform(post("/operator/merchants/" + merchant + "/suspend").session(shop).with(csrf()))
			.andExpect(status().isForbidden());
	}

	private long actions(String payment) {
		return GATEWAY.requests.stream().filter(r -> r.startsWith("POST /v1/payments/" + payment + "/")).count();
	}

	private String page(MockHttpSession session, String path) throws Exception {
		return new ConsoleSignIn(this.mvc).page(session, path);
	}

	private MockHttpSession merchant() throws Exception {
		return new ConsoleSignIn(this.mvc).merchant(FakeGateway.KEY_A);
	}

	private MockHttpSession operatorWithTotp() throws Exception {
		return new ConsoleSignIn(this.mvc).operatorWithTotp();
	}

}
