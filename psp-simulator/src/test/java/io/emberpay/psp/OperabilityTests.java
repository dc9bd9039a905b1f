package io.emberpay.psp;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperabilityTests extends AbstractSimulatorTests {

	@Test
	void reportsLiveAndReadyOnProbeEndpoints() {
		assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void exportsWhatEachAcquirerDidAsMetrics() {
		authorize("psp-b", 1999, VISA_OK);

		String metrics = api().get("/actuator/prometheus").body();

		assertThat(metrics).containsPattern("psp_simulator_events_total\\{[^}]*event=\"authorized\"[^}]*psp=\"psp-b\"")
			.containsPattern("psp_simulator_amount_minor_total\\{[^}]*currency=\"USD\"");
	}

	@Test
	void exportsPrometheusMetricsWithApplicationTag() {
		ApiClient.Response metrics = api().get("/actuator/prometheus");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("application=\"psp-simulator\"");
	}

}
