package io.emberpay.gateway;

import java.time.Duration;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the edge adds to, and removes from, every request and response. */
@ExtendWith(OutputCaptureExtension.class)
class EdgeHeadersTests extends GatewayTestSupport {

	@Test
	void echoesAWellFormedRequestIdAndSendsItUpstream() {
		ApiClient.Response response = freshUser().withHeader("X-Request-Id", "mobile-7f3a.42").get("/v1/payments");

		assertThat(response.header("X-Request-Id")).isEqualTo("mobile-7f3a.42");
		assertThat(forwarded(response).path("x-request-id").asString()).isEqualTo("mobile-7f3a.42");
	}

	@Test
	void replacesAMalformedRequestId() {
		ApiClient.Response response = freshUser().withHeader("X-Request-Id", "<script>alert(1)</script>")
			.get("/v1/payments");

		assertThat(response.header("X-Request-Id")).startsWith("req_");
		assertThat(forwarded(response).path("x-request-id").asString()).isEqualTo(response.header("X-Request-Id"));
	}

	@Test
	void givesEveryResponseARequestIdErrorsIncluded() {
		assertThat(anonymous().get("/v1/payments").header("X-Request-Id")).startsWith("req_");
		assertThat(anonymous().get("/nowhere").header("X-Request-Id")).startsWith("req_");
	}

	@Test
	void continuesTheCallersTraceAsANewHop() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		ApiClient.Response response = freshUser().withHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.withHeader("tracestate", "vendor=1")
			.get("/v1/payments");

		String sent = forwarded(response).path("traceparent").asString();
		assertThat(sent).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
		assertThat(forwarded(response).path("tracestate").asString()).isEqualTo("vendor=1");
	}

	@Test
	void leavesOneAccessLogLineWithTheRequestAndTraceIds(CapturedOutput output) {
		String traceId = "0af7651916cd43dd8448eb211c80319c";
		freshUser().withHeader("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
			.withHeader("X-Request-Id", "req_access_log")
			.get("/v1/payments");

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut().lines().filter(line -> line.contains("io.emberpay.access")))
				.anySatisfy(line -> assertThat(line).contains(traceId)
					.contains("req_access_log")
					.contains("/v1/payments")));
	}

	@Test
	void startsATraceWhenTheCallerSentNoneOrAMalformedOne() {
		ApiClient.Response none = freshUser().get("/v1/payments");
		ApiClient.Response malformed = freshUser()
			.withHeader("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")
			.withHeader("tracestate", "vendor=1")
			.get("/v1/payments");

		assertThat(forwarded(none).path("traceparent").asString()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		assertThat(forwarded(malformed).path("traceparent").asString()).doesNotContain("0".repeat(32));
		assertThat(forwarded(malformed).has("tracestate")).isFalse();
	}

	@Test
	void overwritesTheClientIpAndDropsInternalHeaders() {
		ApiClient.Response response = freshUser().withHeader("X-Client-Ip", "203.0.113.7")
			.withHeader("X-Forwarded-For", "198.51.100.1")
			.withHeader("X-Emberpay-Merchant", "mer_victim")
			.withHeader("X-Internal-Role", "admin")
			.get("/v1/payments");

		var headers = forwarded(response);
		assertThat(headers.path("x-client-ip").asString()).isEqualTo("127.0.0.1");
		assertThat(headers.has("x-forwarded-for")).isFalse();
		assertThat(headers.has("x-emberpay-merchant")).isFalse();
		assertThat(headers.has("x-internal-role")).isFalse();
	}

	@Test
	void setsSecurityHeadersAndForbidsCachingApiAnswers() {
		ApiClient.Response login = anonymous().post("/v1/auth/signup", Map.of("email", "x@example.com"));

		assertThat(login.header("Strict-Transport-Security")).startsWith("max-age=");
		assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(login.header("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void allowsOnlyConfiguredWebOrigins() {
		ApiClient.Response allowed = anonymous().withHeader("Origin", "https://app.example")
			.withHeader("Access-Control-Request-Method", "POST")
			.send("OPTIONS", "/v1/payments", null, Map.of());
		ApiClient.Response refused = anonymous().withHeader("Origin", "https://evil.example")
			.withHeader("Access-Control-Request-Method", "POST")
			.send("OPTIONS", "/v1/payments", null, Map.of());

		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
	}

}
