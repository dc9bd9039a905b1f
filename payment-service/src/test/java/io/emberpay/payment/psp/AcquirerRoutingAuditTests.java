package io.emberpay.payment.psp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emberpay.payment.support.PaymentApi;
import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators with MFA read the routing changes, newest first, of every acquirer or one, a
 * page at a time; nobody else can, and bad paging is a 400 naming the parameter.
 */
@PaymentServiceTest
class AcquirerRoutingAuditTests {

	private static final String OPERATOR = "usr_routing_auditor";

	@Value("${local.server.port}")
	int port;

	@Autowired
	PspRouter router;

	@AfterEach
	void resume() {
		if (this.router.states().stateOf("psp-b") != RoutingState.ACTIVE) {
			this.router.states().change("psp-b", RoutingState.ACTIVE, "test cleanup", "test");
		}
	}

	private ApiClient operator() {
		return new PaymentApi(this.port).anonymous().withToken(TestTokens.get().operator(OPERATOR));
	}

	@Test
	void operatorsReadWhoChangedWhichAcquirerWhenAndWhyNewestFirst() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		assertThat(operator().post("/v1/acquirers/psp-b/drain", Map.of("reason", "maintenance " + tag)).status())
			.isEqualTo(200);
		assertThat(operator().post("/v1/acquirers/psp-b/resume", Map.of("reason", "maintenance over " + tag)).status())
			.isEqualTo(200);

		ApiClient.Response page = operator().get("/v1/acquirers/audit?psp=psp-b&limit=2");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		JsonNode newest = page.json().get("data").get(0);
		JsonNode before = page.json().get("data").get(1);
		assertThat(newest.get("psp").asString()).isEqualTo("psp-b");
		assertThat(newest.get("previous_state").asString()).isEqualTo("draining");
		assertThat(newest.get("state").asString()).isEqualTo("active");
		assertThat(newest.get("reason").asString()).isEqualTo("maintenance over " + tag);
		assertThat(newest.get("changed_by").asString()).isEqualTo(OPERATOR);
		assertThat(newest.get("changed_at").asString()).isNotBlank();
		assertThat(before.get("state").asString()).isEqualTo("draining");
		assertThat(before.get("reason").asString()).isEqualTo("maintenance " + tag);

		ApiClient.Response next = operator()
			.get("/v1/acquirers/audit?psp=psp-b&limit=1&starting_after=" + newest.get("id").asString());
		assertThat(next.json().get("data").get(0).get("id").asString()).isEqualTo(before.get("id").asString());
		assertThat(operator().get("/v1/acquirers/audit?psp=psp-a&limit=100").json().get("data"))
			.noneMatch(change -> change.get("psp").asString().equals("psp-b"));
		assertThat(operator().get("/v1/acquirers/audit?psp=psp-zz").json().get("data")).isEmpty();
	}

	@Test
	void onlyOperatorsWithMfaReadAndBadPagingIsA400() {
		PaymentApi api = new PaymentApi(this.port);
		String passwordOnly = TestTokens.get()
			.sign("usr_op_nomfa", List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5));
		ApiClient.Response noMfa = api.anonymous().withToken(passwordOnly).get("/v1/acquirers/audit");
		assertThat(noMfa.status()).isEqualTo(403);
		assertThat(noMfa.text("code")).isEqualTo("mfa_required");
		assertThat(api.merchant("mer_x").get("/v1/acquirers/audit").status()).isEqualTo(403);
		assertThat(api.user(PaymentApi.newUser()).get("/v1/acquirers/audit").status()).isEqualTo(403);
		for (String query : List.of("limit=0", "limit=101", "limit=abc", "starting_after=abc", "starting_after=-1",
				"psp=%3Cscript%3E")) {
			ApiClient.Response bad = operator().get("/v1/acquirers/audit?" + query);
			assertThat(bad.status()).as(query).isEqualTo(400);
			assertThat(bad.text("param")).as(query).isNotBlank();
		}
	}

}
