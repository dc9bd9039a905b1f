package io.emberpay.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emberpay.events.ResourceIds;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators with a second factor list merchants newest first, search them by name or
 * e-mail and page through them; they read the operator actions of the security audit (a
 * suspension with its reason) without anything secret; nobody else can, and bad paging is
 * a 400 naming the parameter.
 */
@AuthServiceTest
class OperatorMerchantDirectoryTests extends AuthApi {

	private static final String OPERATOR = "usr_operator_directory";

	private ApiClient operator() {
		return api().withToken(TestTokens.get().operator(OPERATOR));
	}

	private String signUpMerchant(String name, String email) {
		ApiClient.Response created = api().post("/v1/merchants", Map.of("name", name, "email", email));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.text("id");
	}

	private static List<String> ids(ApiClient.Response page) {
		List<String> ids = new ArrayList<>();
		for (JsonNode merchant : page.json().get("data")) {
			ids.add(merchant.get("id").asString());
		}
		return ids;
	}

	@Test
	void operatorsListMerchantsNewestFirstSearchThemAndPageThroughThem() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String older = signUpMerchant("Older Bakery " + tag, "older-" + tag + "@example.com");
		String newer = signUpMerchant("Newer Florist " + tag, "newer-" + tag + "@example.org");
		String other = signUpMerchant("Unrelated", "someone-" + tag + "@Example.NET");

		ApiClient.Response first = operator().get("/v1/merchants?limit=2&query=" + tag);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(ids(first)).containsExactly(other, newer);
		assertThat(first.json().get("has_more").asBoolean()).isTrue();
		ApiClient.Response second = operator().get("/v1/merchants?limit=2&query=" + tag + "&starting_after=" + newer);
		assertThat(ids(second)).containsExactly(older);
		assertThat(second.json().get("has_more").asBoolean()).isFalse();
		assertThat(ids(operator().get("/v1/merchants?limit=100"))).as("everyone's, newest first")
			.containsSubsequence(other, newer, older);

		ApiClient.Response byTag = operator().get("/v1/merchants?query=" + tag);
		assertThat(ids(byTag)).containsExactly(other, newer, older);
		assertThat(byTag.json().get("has_more").asBoolean()).isFalse();
		assertThat(byTag.body()).doesNotContain("api_key").doesNotContain("secret");
		assertThat(ids(operator().get("/v1/merchants?query=FLORIST%20" + tag))).containsExactly(newer);
		assertThat(ids(operator().get("/v1/merchants?query=example.net"))).contains(other).doesNotContain(newer);
		assertThat(ids(operator().get("/v1/merchants?query=%25" + tag))).as("% is a character, not a wildcard")
			.isEmpty();
	}

	@Test
	void aSuspensionKeepsItsReasonAndOperatorsReadItInTheSecurityAudit() {
		String merchant = signUpMerchant("Suspended Shop", uniqueEmail());
		ApiClient.Response suspended = operator().post("/v1/merchants/" + merchant + "/suspend",
				Map.of("reason", "Chargebacks above the limit"));
		assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
		assertThat(suspended.text("status")).isEqualTo("suspended");

		ApiClient.Response events = operator().get("/v1/auth/security_events?subject=" + merchant);
		assertThat(events.status()).as(events.body()).isEqualTo(200);
		JsonNode event = events.json().get("data").get(0);
		assertThat(event.get("type").asString()).isEqualTo("auth.api_key_changed");
		assertThat(event.get("change").asString()).isEqualTo("merchant_suspended");
		assertThat(event.get("actor").asString()).isEqualTo(OPERATOR);
		assertThat(event.get("note").asString()).isEqualTo("Chargebacks above the limit");
		assertThat(events.body()).doesNotContain("origin").doesNotContain("@").doesNotContain("password");

		ApiClient.Response byActor = operator().get("/v1/auth/security_events?actor=" + OPERATOR + "&limit=100");
		assertThat(byActor.json().get("data")).isNotEmpty().allMatch(e -> e.get("actor").asString().equals(OPERATOR));
		ApiClient.Response byType = operator()
			.get("/v1/auth/security_events?type=auth.account_locked&subject=" + merchant);
		assertThat(byType.json().get("data")).isEmpty();

		String email = signUp();
		login(email, "wrong " + PASSWORD);
		String user = operator().get("/v1/users?email=" + email).json().get("data").get(0).get("id").asString();
		ApiClient.Response ownActions = operator().get("/v1/auth/security_events?subject=" + user);
		assertThat(ownActions.json().get("data")).as("a user's own failed login is no operator action").isEmpty();

		ApiClient.Response withoutReason = operator()
			.post("/v1/merchants/" + signUpMerchant("Quiet", uniqueEmail()) + "/suspend", null);
		assertThat(withoutReason.status()).as("the reason stays optional for the API's other clients").isEqualTo(200);
		ApiClient.Response tooLong = operator().post(
				"/v1/merchants/" + signUpMerchant("Long", uniqueEmail()) + "/suspend",
				Map.of("reason", "x".repeat(501)));
		assertThat(tooLong.status()).isEqualTo(400);
	}

	@Test
	void onlyOperatorsWithASecondFactorReadAndBadPagingIsA400() {
		String passwordOnly = TestTokens.get()
			.sign("usr_op_nomfa", List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5));
		ApiClient merchant = api().withToken(TestTokens.get().merchant(ResourceIds.next("mer")));
		String email = signUp();
		ApiClient user = api().withToken(login(email, PASSWORD).text("access_token"));
		for (String path : List.of("/v1/merchants", "/v1/auth/security_events")) {
			ApiClient.Response noMfa = api().withToken(passwordOnly).get(path);
			assertThat(noMfa.status()).isEqualTo(403);
			assertThat(noMfa.text("code")).isEqualTo("mfa_required");
			assertThat(merchant.get(path).status()).isEqualTo(403);
			assertThat(user.get(path).status()).isEqualTo(403);
			assertThat(api().get(path).status()).isIn(401, 403);
			for (String query : List.of("limit=0", "limit=101", "limit=abc", "starting_after=%20")) {
				ApiClient.Response bad = operator().get(path + "?" + query);
				assertThat(bad.status()).as(path + "?" + query).isEqualTo(400);
			}
		}
		assertThat(operator().get("/v1/merchants?starting_after=mer_nobody").text("param")).isEqualTo("starting_after");
		assertThat(operator().get("/v1/merchants?query=" + "x".repeat(201)).text("param")).isEqualTo("query");
		assertThat(operator().get("/v1/auth/security_events?starting_after=abc").text("param"))
			.isEqualTo("starting_after");
		assertThat(operator().get("/v1/auth/security_events?type=login").text("param")).isEqualTo("type");
		assertThat(operator().get("/v1/auth/security_events?subject=%3Cscript%3E").text("param")).isEqualTo("subject");
	}

}
