package io.emberpay.testkit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every servlet service promises, proven over real HTTP against the real engines: it
 * is ready, exports Prometheus metrics, answers unknown paths and missing credentials
 * with RFC 9457 problems, and echoes request ids. Each service's tests extend it.
 */
public abstract class PlatformServiceContract {

	@Value("${local.server.port}")
	protected int port;

	protected ApiClient api() {
		return new ApiClient("http://localhost:" + this.port);
	}

	@Test
	void reportsReadyAndLiveOnProbeEndpoints() {
		assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void exportsPrometheusMetricsWithApplicationTag() {
		ApiClient.Response metrics = api().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("application=");
	}

	@Test
	void answersMissingCredentialsWithProblem() {
		ApiClient.Response response = api().get("/v1/anything-protected");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("code").asString()).isEqualTo("unauthenticated");
	}

	@Test
	void answersUnknownPathWithNotFoundProblem() {
		ApiClient.Response response = api().withToken(TestTokens.get().user("usr_contract"))
			.get("/v1/no-such-resource-anywhere");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("code").asString()).isEqualTo("not_found");
	}

	@Test
	void echoesWellFormedRequestIdAndInventsOneOtherwise() {
		assertThat(api().withHeader("X-Request-Id", "req_from_client").get("/actuator/health").header("X-Request-Id"))
			.isEqualTo("req_from_client");
		assertThat(api().get("/actuator/health").header("X-Request-Id")).startsWith("req_");
	}

}
