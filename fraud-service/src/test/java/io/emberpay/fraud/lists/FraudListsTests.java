package io.emberpay.fraud.lists;

import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.fraud.FraudIntegrationTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FraudListsTests extends FraudIntegrationTest {

	@Test
	void blockedBinDeclinesAtOnceAndIsAudited() {
		String bin = "4000" + (10 + (int) (Math.random() * 89));
		ApiClient admin = operator();
		ApiClient.Response put = admin.send("PUT", "/v1/fraud/lists/bin/entries/" + bin,
				Map.of("action", "block", "reason", "BIN sold on a carding forum"), Map.of());
		assertThat(put.status()).isEqualTo(200);
		assertThat(put.text("action")).isEqualTo("block");

		Map<String, Object> request = normalRequest();
		request.put("card_bin", bin);
		ApiClient.Response response = score(request);

		assertThat(response.text("decision")).isEqualTo("decline");
		assertThat(response.json().get("score").asInt()).isEqualTo(100);
		assertThat(response.json().get("reasons").get(0).asString()).isEqualTo("blocklist_bin: " + bin);
		assertThat(
				this.jdbc.sql("select actor, detail from operator_audit where action = 'list_entry.put' and target = ?")
					.param("bin/" + bin)
					.query((rs, row) -> rs.getString("detail"))
					.list())
			.containsExactly("block: BIN sold on a carding forum");

		assertThat(admin.delete("/v1/fraud/lists/bin/entries/" + bin).status()).isEqualTo(204);
		assertThat(score(nextPayment(request)).text("decision")).isEqualTo("approve");
		assertThat(admin.delete("/v1/fraud/lists/bin/entries/" + bin).status()).isEqualTo(404);
	}

	@Test
	void allowListedDeviceIsApprovedDespiteRiskAndBlockBeatsAllow() {
		Map<String, Object> request = normalRequest();
		String device = (String) request.get("device_id");
		request.put("ip", "198.51.100.40");
		ApiClient admin = operator();
		admin.send("PUT", "/v1/fraud/lists/device/entries/" + device, Map.of("action", "allow"), Map.of());
		ApiClient.Response last = null;
		for (int i = 0; i < 7; i++) {
			request = nextPayment(request);
			last = score(request);
		}
		assertThat(last.text("decision")).isEqualTo("approve");
		assertThat(reasons(last)).contains("allowlist_device: listed", "velocity_card_1m: 7 > 5");

		String domain = "blocked-" + ResourceIds.next("d").substring(2) + ".example";
		admin.send("PUT", "/v1/fraud/lists/email_domain/entries/" + domain, Map.of("action", "block"), Map.of());
		Map<String, Object> blocked = nextPayment(request);
		blocked.put("email", "mule@" + domain.toUpperCase());
		assertThat(score(blocked).text("decision")).isEqualTo("decline");
	}

	@Test
	void blockedCardFingerprintIsNotEchoedInReasons() {
		Map<String, Object> request = normalRequest();
		String fingerprint = (String) request.get("card_fingerprint");
		operator().send("PUT", "/v1/fraud/lists/card_fingerprint/entries/" + fingerprint, Map.of("action", "block"),
				Map.of());

		ApiClient.Response response = score(request);

		assertThat(response.text("decision")).isEqualTo("decline");
		assertThat(response.body()).doesNotContain(fingerprint).contains("blocklist_card_fingerprint: listed");
	}

	@Test
	void listsEntriesPageByPage() {
		ApiClient admin = operator();
		String prefix = "pg" + ResourceIds.next("x").substring(2, 12);
		for (int i = 0; i < 3; i++) {
			admin.send("PUT", "/v1/fraud/lists/device/entries/" + prefix + "-" + i, Map.of("action", "block"),
					Map.of());
		}
		ApiClient.Response first = admin.get("/v1/fraud/lists/device/entries?limit=2&starting_after=" + prefix);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("data").get(0).get("value").asString()).isEqualTo(prefix + "-0");
		assertThat(first.json().get("has_more").asBoolean()).isTrue();
		assertThat(admin.get("/v1/fraud/lists/device/entries/" + prefix + "-2").text("created_by")).startsWith("usr_");
		assertThat(admin.get("/v1/fraud/lists/device/entries").json().get("data").size()).isBetween(3, 20);
	}

	@Test
	void refusesNonOperatorsAndBadInput() {
		ApiClient user = api().withToken(TestTokens.get().user(ResourceIds.next("usr")));
		ApiClient merchant = api().withToken(TestTokens.get().merchant(ResourceIds.next("mer")));
		ApiClient admin = operator();

		assertThat(user.send("PUT", "/v1/fraud/lists/bin/entries/411111", Map.of("action", "allow"), Map.of()).status())
			.isEqualTo(403);
		assertThat(merchant.get("/v1/fraud/lists/bin/entries").status()).isEqualTo(403);
		assertThat(api().get("/v1/fraud/lists/bin/entries").status()).isEqualTo(401);
		assertThat(admin.get("/v1/fraud/lists/planets/entries").status()).isEqualTo(404);
		ApiClient.Response badBin = admin.send("PUT", "/v1/fraud/lists/bin/entries/12ab", Map.of("action", "block"),
				Map.of());
		assertThat(badBin.status()).isEqualTo(400);
		assertThat(badBin.text("param")).isEqualTo("value");
		ApiClient.Response badAction = admin.send("PUT", "/v1/fraud/lists/bin/entries/411111",
				Map.of("action", "maybe"), Map.of());
		assertThat(badAction.status()).isEqualTo(400);
		assertThat(badAction.text("param")).isEqualTo("action");
		assertThat(admin.get("/v1/fraud/lists/bin/entries?limit=1000").status()).isEqualTo(400);
	}

	private static List<String> reasons(ApiClient.Response response) {
		return response.json().get("reasons").valueStream().map(node -> node.asString()).toList();
	}

}
