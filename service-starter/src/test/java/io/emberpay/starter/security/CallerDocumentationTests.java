package io.emberpay.starter.security;

import java.util.ArrayList;
import java.util.List;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A controller's {@link Caller} comes from the verified token: the service's API document
 * (which docs/openapi.yaml and the generated clients are made from) must not ask a client
 * to send it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(CallerDocumentationTests.Endpoints.class)
class CallerDocumentationTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void anInjectedCallerIsNoParameterOfTheDocumentedOperation() {
		JsonNode document = new ApiClient("http://localhost:" + this.port).get("/v3/api-docs").json();

		JsonNode operation = document.path("paths").path("/v1/caller-documentation-test/{id}").path("get");
		List<String> parameters = new ArrayList<>();
		operation.path("parameters").forEach((parameter) -> parameters.add(parameter.path("name").asString()));
		assertThat(parameters).containsExactly("id", "limit");
		assertThat(document.path("components").path("schemas").has("Caller")).isFalse();
	}

	@TestConfiguration
	@RestController
	static class Endpoints {

		@GetMapping("/v1/caller-documentation-test/{id}")
		String read(Caller caller, @PathVariable String id, @RequestParam(required = false) Integer limit) {
			return caller.id() + id + limit;
		}

	}

}
