package io.emberpay.gateway;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The merged OpenAPI document and Swagger UI, built from the services' own documents. */
class ApiDocsTests extends GatewayTestSupport {

	static {
		AUTH.answer("/v3/api-docs", exchange -> StubService.Answer.json(200, """
				{"openapi": "3.1.0", "info": {"title": "auth", "version": "1"},
				 "servers": [{"url": "http://localhost:8081"}],
				 "paths": {
				   "/v1/auth/login": {"post": {"responses": {"400": {"content": {"application/problem+json":
				       {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
				   "/internal/v1/api_keys/verify": {"post": {}}},
				 "components": {"schemas": {
				   "Problem": {"type": "object", "properties": {"code": {"type": "string"}}},
				   "Session": {"type": "object", "properties": {"access_token": {"type": "string"}}}}}}
				"""));
		PAYMENT.answer("/v3/api-docs", exchange -> StubService.Answer.json(200, """
				{"openapi": "3.1.0", "info": {"title": "payment", "version": "1"},
				 "paths": {
				   "/v1/payments": {"post": {"responses": {"200": {"content": {"application/json":
				       {"schema": {"$ref": "#/components/schemas/Session"}}}}}}}},
				 "components": {"schemas": {
				   "Problem": {"type": "object", "properties": {"code": {"type": "string"}}},
				   "Session": {"type": "object", "properties": {"payment": {"type": "string"}}}}}}
				"""));
	}

	@Test
	void mergesThePublicPathsOfEveryServiceThatAnswers() {
		JsonNode merged = anonymous().get("/v3/api-docs").json();

		assertThat(merged.path("paths").has("/v1/auth/login")).isTrue();
		assertThat(merged.path("paths").has("/v1/payments")).isTrue();
		assertThat(merged.path("paths").has("/internal/v1/api_keys/verify")).isFalse();
		assertThat(merged.path("servers").get(0).path("url").asString()).isEqualTo("/");
		assertThat(merged.path("x-unavailable-services").toString()).contains("fraud");
	}

	@Test
	void keepsBothSchemasWhenTwoServicesUseOneNameForDifferentThings() {
		JsonNode merged = anonymous().get("/v3/api-docs").json();

		JsonNode schemas = merged.path("components").path("schemas");
		assertThat(schemas.has("Problem")).isTrue();
		assertThat(schemas.has("PaymentProblem")).isFalse();
		assertThat(schemas.path("Session").path("properties").has("access_token")).isTrue();
		assertThat(schemas.path("PaymentSession").path("properties").has("payment")).isTrue();
		assertThat(
				merged.at("/paths/~1v1~1payments/post/responses/200/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/PaymentSession");
	}

	@Test
	void servesOneServicesDocumentWithoutItsInternalPaths() {
		ApiClient.Response auth = anonymous().get("/v3/api-docs/auth");
		ApiClient.Response unknown = anonymous().get("/v3/api-docs/nowhere");
		ApiClient.Response down = anonymous().get("/v3/api-docs/fraud");

		assertThat(auth.status()).isEqualTo(200);
		assertThat(auth.json().path("paths").has("/v1/auth/login")).isTrue();
		assertThat(auth.json().path("paths").has("/internal/v1/api_keys/verify")).isFalse();
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.text("code")).isEqualTo("service_unavailable");
	}

	@Test
	void offersEveryDocumentInSwaggerUi() {
		ApiClient.Response config = anonymous().get("/v3/gateway-api-docs/swagger-config");
		ApiClient.Response ui = anonymous().get("/webjars/swagger-ui/index.html");

		assertThat(config.status()).isEqualTo(200);
		assertThat(config.body()).contains("/v3/api-docs/payment").contains("\"/v3/api-docs\"");
		assertThat(ui.status()).isEqualTo(200);
	}

}
