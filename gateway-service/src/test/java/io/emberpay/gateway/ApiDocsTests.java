package io.emberpay.gateway;

import io.emberpay.testkit.ApiClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The merged OpenAPI document and Swagger UI, built from the services' own documents. */
class ApiDocsTests extends GatewayTestSupport {

	private static volatile boolean notificationReady;

	static {
		AUTH.answer("/v3/api-docs", exchange -> StubService.Answer.json(200,
				"""
						{"openapi": "3.1.0", "info": {"title": "auth", "version": "1"},
						 "servers": [{"url": "http://localhost:8081"}],
						 "paths": {
						   "/v1/auth/login": {"post": {
						       "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Login"}}}},
						       "responses": {"200": {"description": "OK", "content": {"application/json":
						           {"schema": {"$ref": "#/components/schemas/Session"}}}},
						         "400": {"content": {"application/problem+json":
						           {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
						   "/v1/users/me": {"get": {"responses": {"200": {"description": "OK"}}}},
						   "/v1/merchants": {"post": {"responses": {"201": {"description": "Created"}}}},
						   "/internal/v1/api_keys/verify": {"post": {}}},
						 "components": {"schemas": {
						   "Problem": {"type": "object", "properties": {"code": {"type": "string"}}},
						   "Login": {"type": "object", "required": ["deviceId"], "properties": {
						     "deviceId": {"type": "string"}, "mfaToken": {"type": "string"}, "userID": {"type": "string"}}},
						   "Session": {"type": "object", "properties": {"access_token": {"type": "string"}}}}}}
						"""));
		AtomicInteger ledgerAsked = new AtomicInteger();
		LEDGER.answer("/v3/api-docs", exchange -> (ledgerAsked.incrementAndGet() == 1)
				? StubService.Answer.problem(503, "service_unavailable") : StubService.Answer.json(200, """
						{"openapi": "3.1.0", "info": {"title": "ledger", "version": "1"},
						 "paths": {"/v1/balance": {"get": {"responses": {"200": {"description": "OK"}}}}}}
						"""));
		NOTIFICATION.answer("/v3/api-docs", exchange -> notificationReady ? StubService.Answer.json(200, """
				{"openapi": "3.1.0", "info": {"title": "notification", "version": "1"},
				 "paths": {"/v1/webhook_endpoints": {"get": {"responses": {"200": {"description": "OK"}}}}}}
				""") : StubService.Answer.problem(503, "service_unavailable"));
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

	@Test
	void namesFieldsAsTheyTravelInSnakeCase() {
		JsonNode login = anonymous().get("/v3/api-docs").json().path("components").path("schemas").path("Login");

		assertThat(login.path("properties").propertyNames()).containsExactly("device_id", "mfa_token", "user_id");
		assertThat(login.path("required").toString()).isEqualTo("[\"device_id\"]");
	}

	@Test
	void declaresEveryProblemTheCatalogueSaysTheServiceAnswers() {
		JsonNode merged = anonymous().get("/v3/api-docs").json();

		JsonNode login = merged.at("/paths/~1v1~1auth~1login/post/responses");
		assertThat(login.path("401").path("$ref").asString()).isEqualTo("#/components/responses/auth_401");
		assertThat(login.path("400").path("$ref").asString()).isEqualTo("#/components/responses/auth_400");
		assertThat(login.has("402")).as("card_declined is payment-service's").isFalse();
		JsonNode unauthorized = merged.at("/components/responses/auth_401");
		assertThat(unauthorized.path("x-error-codes").toString()).contains("invalid_credentials", "unauthenticated");
		assertThat(unauthorized.at("/content/application~1problem+json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
		assertThat(merged.at("/paths/~1v1~1payments/post/responses/402/$ref").asString())
			.isEqualTo("#/components/responses/payment_402");
		assertThat(merged.at("/components/responses/payment_402/x-error-codes").toString()).contains("card_declined");
		assertThat(merged.at("/components/responses/payment_503/headers").has("Retry-After")).isTrue();
	}

	@Test
	void declaresTheCredentialsAndTheVersionHeaderOfEachOperation() {
		JsonNode merged = anonymous().get("/v3/api-docs").json();

		assertThat(merged.at("/paths/~1v1~1auth~1login/post/security").isArray()).isTrue();
		assertThat(merged.at("/paths/~1v1~1auth~1login/post/security")).isEmpty();
		assertThat(merged.at("/paths/~1v1~1users~1me/get").has("security")).as("the document's default").isFalse();
		assertThat(merged.at("/paths/~1v1~1merchants/post/security").toString())
			.as("anyone, or a user who becomes the merchant's first admin")
			.isEqualTo("[{},{\"user_token\":[]}]");
		assertThat(merged.path("security").toString()).contains("user_token").contains("api_key");
		assertThat(merged.at("/components/securitySchemes/api_key/scheme").asString()).isEqualTo("bearer");
		assertThat(merged.at("/paths/~1v1~1users~1me/get/parameters/0/name").asString()).isEqualTo("Emberpay-Version");
		assertThat(merged.at("/paths/~1v1~1auth~1login/post/responses/200/headers").has("Emberpay-Version")).isTrue();
	}

	@Test
	void asksAServiceAgainWhenItsFirstAnswerFails() {
		JsonNode merged = anonymous().get("/v3/api-docs").json();

		assertThat(merged.path("paths").has("/v1/balance")).isTrue();
		assertThat(merged.path("x-unavailable-services").toString()).doesNotContain("ledger");
	}

	@Test
	void keepsAnIncompleteDocumentOnlyUntilTheMissingServiceAnswers() throws InterruptedException {
		JsonNode cold = anonymous().get("/v3/api-docs").json();
		notificationReady = true;
		Thread.sleep(Duration.ofMillis(2500));
		JsonNode warm = anonymous().get("/v3/api-docs").json();

		assertThat(cold.path("x-unavailable-services").toString()).contains("notification");
		assertThat(warm.path("paths").has("/v1/webhook_endpoints")).isTrue();
		assertThat(warm.path("x-unavailable-services").toString()).doesNotContain("notification");
	}

}
