package io.emberpay.notification.webhook;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

@NotificationTest
class WebhookEndpointApiTests {

	@Value("${local.server.port}")
	int port;

	private ApiClient merchant(String id) {
		return new ApiClient("http://localhost:" + this.port).withToken(TestTokens.get().merchant(id));
	}

	private static Map<String, Object> endpoint(String url, String... events) {
		return Map.of("url", url, "events", List.of(events), "description", "orders");
	}

	@Test
	void createsEndpointAndShowsItsSecretOnlyOnce() {
		ApiClient api = merchant(ResourceIds.next("mer"));
		ApiClient.Response created = api.post("/v1/webhook_endpoints",
				endpoint("http://127.0.0.1:9/hooks", "payment.succeeded", "refund.succeeded"));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text("id")).startsWith("we_");
		assertThat(created.text("object")).isEqualTo("webhook_endpoint");
		assertThat(created.text("status")).isEqualTo("enabled");
		String secret = created.text("secret");
		assertThat(secret).matches("whsec_[A-Za-z0-9+/]+={0,2}");
		assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);

		ApiClient.Response fetched = api.get("/v1/webhook_endpoints/" + created.text("id"));
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.json().has("secret")).isFalse();
		assertThat(fetched.json().get("events").toString()).contains("payment.succeeded", "refund.succeeded");
		assertThat(api.get("/v1/webhook_endpoints").body()).doesNotContain(secret.substring(6));
	}

	@Test
	void listsEndpointsNewestFirstWithCursorPagination() {
		ApiClient api = merchant(ResourceIds.next("mer"));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(api.post("/v1/webhook_endpoints", endpoint("http://127.0.0.1:9/h" + i, "*")).text("id"));
		}
		ApiClient.Response first = api.get("/v1/webhook_endpoints?limit=2");
		assertThat(first.json().get("has_more").asBoolean()).isTrue();
		assertThat(ids(first.json())).containsExactly(ids.get(2), ids.get(1));

		ApiClient.Response second = api.get("/v1/webhook_endpoints?limit=2&starting_after=" + ids.get(1));
		assertThat(second.json().get("has_more").asBoolean()).isFalse();
		assertThat(ids(second.json())).containsExactly(ids.get(0));
	}

	@Test
	void updatesDisablesAndDeletesAnEndpoint() {
		ApiClient api = merchant(ResourceIds.next("mer"));
		String id = api.post("/v1/webhook_endpoints", endpoint("http://127.0.0.1:9/hooks", "payment.succeeded"))
			.text("id");

		ApiClient.Response updated = api.post("/v1/webhook_endpoints/" + id,
				Map.of("events", List.of("payment.failed"), "description", "failures", "disabled", true));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.text("status")).isEqualTo("disabled");
		assertThat(updated.text("description")).isEqualTo("failures");
		assertThat(updated.json().get("events").toString()).isEqualTo("[\"payment.failed\"]");

		assertThat(api.post("/v1/webhook_endpoints/" + id, Map.of("disabled", false)).text("status"))
			.isEqualTo("enabled");

		ApiClient.Response deleted = api.delete("/v1/webhook_endpoints/" + id);
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
		assertThat(api.get("/v1/webhook_endpoints/" + id).status()).isEqualTo(404);
		assertThat(api.delete("/v1/webhook_endpoints/" + id).status()).isEqualTo(404);
	}

	@Test
	void rotatingRevealsANewSecret() {
		ApiClient api = merchant(ResourceIds.next("mer"));
		ApiClient.Response created = api.post("/v1/webhook_endpoints", endpoint("http://127.0.0.1:9/h", "*"));
		ApiClient.Response rotated = api.post("/v1/webhook_endpoints/" + created.text("id") + "/rotate_secret", null);

		assertThat(rotated.status()).isEqualTo(200);
		assertThat(rotated.text("secret")).startsWith("whsec_").isNotEqualTo(created.text("secret"));
	}

	@Test
	void anotherMerchantsEndpointIsNotFound() {
		String id = merchant(ResourceIds.next("mer"))
			.post("/v1/webhook_endpoints", endpoint("http://127.0.0.1:9/hooks", "*"))
			.text("id");
		ApiClient intruder = merchant(ResourceIds.next("mer"));

		assertThat(intruder.get("/v1/webhook_endpoints/" + id).status()).isEqualTo(404);
		assertThat(intruder.post("/v1/webhook_endpoints/" + id, Map.of("disabled", true)).status()).isEqualTo(404);
		assertThat(intruder.post("/v1/webhook_endpoints/" + id + "/rotate_secret", null).status()).isEqualTo(404);
		assertThat(intruder.get("/v1/webhook_endpoints/" + id + "/attempts").status()).isEqualTo(404);
		assertThat(intruder.delete("/v1/webhook_endpoints/" + id).status()).isEqualTo(404);
		assertThat(intruder.get("/v1/webhook_endpoints").json().get("data")).isEmpty();
	}

	@Test
	void refusesUnknownEventTypesAndMalformedRequests() {
		ApiClient api = merchant(ResourceIds.next("mer"));
		ApiClient.Response unknown = api.post("/v1/webhook_endpoints",
				endpoint("http://127.0.0.1:9/hooks", "payment.succeeded", "payment.exploded"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.text("code")).isEqualTo("unknown_event_type");
		assertThat(unknown.text("param")).isEqualTo("events");

		assertThat(
				api.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/h", "events", List.of())).status())
			.isEqualTo(400);
		assertThat(api.post("/v1/webhook_endpoints", Map.of("events", List.of("*"))).status()).isEqualTo(400);
		assertThat(api.post("/v1/webhook_endpoints", "{\"url\": ").status()).isEqualTo(400);
		assertThat(api
			.post("/v1/webhook_endpoints",
					Map.of("url", "http://127.0.0.1:9/h", "events", List.of("*"), "secret", "mine"))
			.status()).isEqualTo(400);
		assertThat(api
			.post("/v1/webhook_endpoints",
					Map.of("url", "http://127.0.0.1:9/h", "events", List.of("*"), "description", "x".repeat(501)))
			.status()).isEqualTo(400);
		assertThat(api.get("/v1/webhook_endpoints?limit=0").status()).isEqualTo(400);
		assertThat(api.get("/v1/webhook_endpoints?limit=abc").status()).isEqualTo(400);
		assertThat(api.get("/v1/events?type=payment.exploded").text("code")).isEqualTo("unknown_event_type");
		assertThat(api.get("/v1/events?delivery_status=lost").status()).isEqualTo(400);
	}

	@Test
	void limitsEndpointsPerMerchant() {
		ApiClient api = merchant(ResourceIds.next("mer"));
		for (int i = 0; i < 16; i++) {
			assertThat(api.post("/v1/webhook_endpoints", endpoint("http://127.0.0.1:9/h" + i, "*")).status())
				.isEqualTo(201);
		}
		ApiClient.Response refused = api.post("/v1/webhook_endpoints", endpoint("http://127.0.0.1:9/h16", "*"));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("code")).isEqualTo("endpoint_limit_reached");
	}

	@Test
	void usersCannotManageWebhooks() {
		ApiClient user = new ApiClient("http://localhost:" + this.port)
			.withToken(TestTokens.get().user(ResourceIds.next("usr")));
		assertThat(user.get("/v1/webhook_endpoints").status()).isEqualTo(403);
		assertThat(user.get("/v1/events").status()).isEqualTo(403);
	}

	@Test
	void refusesEveryHostileUrlAtRegistration() {
		ApiClient api = merchant(ResourceIds.next("mer"));
		assertThat(HostileUrls.ALL).hasSizeGreaterThanOrEqualTo(40);
		for (String url : HostileUrls.ALL) {
			ApiClient.Response response = api.post("/v1/webhook_endpoints", Map.of("url", url, "events", List.of("*")));
			assertThat(response.status()).as(url).isEqualTo(400);
			assertThat(response.text("code")).as(url).isEqualTo("url_not_allowed");
			assertThat(response.text("param")).as(url).isEqualTo("url");
		}
		assertThat(api.get("/v1/webhook_endpoints").json().get("data")).isEmpty();
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("data").forEach(item -> ids.add(item.get("id").asString()));
		return ids;
	}

}
