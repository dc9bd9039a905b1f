package io.emberpay.starter;

import java.time.Duration;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void accessLogLineCarriesTheTraceIdTheCallerSent(CapturedOutput output) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		ApiClient.Response response = new ApiClient("http://localhost:" + this.port).send("GET", "/v1/payments", null,
				Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01", "X-Request-Id", "req_trace_test"));

		assertThat(response.status()).isEqualTo(401);
		// the line is written once the response is on its way, so it may trail the
		// response a little
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut().lines().filter(line -> line.contains("io.emberpay.access")))
				.anySatisfy(line -> assertThat(line).contains(traceId).contains("req_trace_test").contains("401")));
	}

	@Test
	void problemBodyNamesTheRequestId() {
		ApiClient.Response response = new ApiClient("http://localhost:" + this.port)
			.withHeader("X-Request-Id", "req_named")
			.get("/v1/payments");
		assertThat(response.json().get("request_id").asString()).isEqualTo("req_named");
		assertThat(response.json().get("type").asString()).isEqualTo("/errors/unauthenticated");
	}

}
