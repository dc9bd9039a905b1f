package io.emberpay.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.emberpay.local.demo.GatewayClient;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml is the contract clients are generated from: it must be what the
 * running platform serves at {@code /v3/api-docs} (a change to any controller is a
 * visible diff of this file; {@code -Demberpay.docs.write=true} rewrites it), valid
 * OpenAPI 3.1, and true to the wire: every exchange of the end-to-end suite, and of a
 * scenario of its own through the main flows and their refusals, is checked against it.
 * Runs after every other end-to-end test class to see their traffic.
 */
@Order(Integer.MAX_VALUE)
class PublicContractTests {

	private static final String REGENERATE = "docs/openapi.yaml; regenerate it with "
			+ "./mvnw -pl local test -Dtest=PublicContractTests -Demberpay.docs.write=true";

	/**
	 * The request did not match any operation of the document: a path or method the API
	 * does not have, as GatewayBadInputTests sends on purpose. Its answer is not the
	 * contract's.
	 */
	private static final List<String> OUTSIDE_THE_CONTRACT = List.of("validation.request.path.missing",
			"validation.request.operation.notAllowed");

	private static RunningPlatform platform;

	@BeforeAll
	static void startPlatform() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void committedDocumentIsTheOneThePlatformServes() throws Exception {
		String served = OpenApiDocument.yaml(servedDocument());
		Path committed = OpenApiDocument.committed();
		if (Boolean.getBoolean("emberpay.docs.write")) {
			Files.writeString(committed, served);
		}

		assertThat(committed).as(REGENERATE).exists();
		assertThat(Files.readString(committed)).as(REGENERATE).isEqualTo(served);
	}

	@Test
	void committedDocumentIsValidOpenApi31() throws Exception {
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(Files.readString(OpenApiDocument.committed()));

		assertThat(parsed.getMessages()).isEmpty();
		assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
		assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/v1/payments", "/v1/auth/login", "/v1/refunds");
	}

	@Test
	void everyExchangeOfTheEndToEndTrafficIsTrueToTheCommittedDocument() throws Exception {
		walkTheMainFlowsAndTheirRefusals();
		OpenApiInteractionValidator validator = OpenApiInteractionValidator
			.createForInlineApiSpecification(Files.readString(OpenApiDocument.committed()))
			.build();
		List<GatewayClient.Exchange> traffic = ContractTraffic.exchanges();
		List<String> violations = new ArrayList<>();
		int checked = 0;
		for (GatewayClient.Exchange exchange : traffic) {
			ValidationReport report = validator.validate(request(exchange), response(exchange));
			if (report.getMessages().stream().anyMatch(m -> OUTSIDE_THE_CONTRACT.contains(m.getKey()))) {
				continue;
			}
			checked++;
			boolean accepted = exchange.status() < 400;
			for (ValidationReport.Message message : report.getMessages()) {
				// a request the document calls invalid must be refused; one it accepts
				// must be as documented
				boolean aboutRequest = message.getKey().startsWith("validation.request");
				if (!aboutRequest || accepted) {
					violations.add(exchange.method() + " " + exchange.pathAndQuery() + " -> " + exchange.status() + ": "
							+ message.getKey() + " " + message.getMessage());
				}
			}
		}

		assertThat(checked).as("exchanges checked").isGreaterThanOrEqualTo(25);
		assertThat(violations).as("violations of docs/openapi.yaml in %d exchanges", checked).isEmpty();
	}

	/**
	 * The platform's merged document once every service answered: right after start-up a
	 * cold service may miss the first fetch.
	 */
	private static JsonNode servedDocument() throws InterruptedException {
		GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		JsonNode document = gateway.get("/v3/api-docs", null).expect(200, "api docs").json();
		while (document.has("x-unavailable-services") && System.nanoTime() < deadline) {
			Thread.sleep(1000);
			document = gateway.get("/v3/api-docs", null).expect(200, "api docs").json();
		}
		assertThat(document.has("x-unavailable-services")).as(document.path("x-unavailable-services").toString())
			.isFalse();
		return document;
	}

	/** Sign-up to refund, and the refusals a client must handle, through the gateway. */
	private static void walkTheMainFlowsAndTheirRefusals() {
		PlatformFixture fixture = PlatformFixture.create(platform.gatewayUrl());
		GatewayClient gateway = fixture.gateway();
		String token = fixture.accessToken();
		String apiKey = fixture.apiKey();
		Map<String, Object> payment = Map.of("amount", 1250, "currency", "USD", "merchant", fixture.merchantId(),
				"payment_method", fixture.paymentMethod());
		String paid = gateway.postOnce("/v1/payments", payment, token).expect(201, "payment").text("id");
		gateway.get("/v1/payments/" + paid, token).expect(200, "payment read");
		gateway.get("/v1/payments", apiKey).expect(200, "payments listed");
		gateway.postOnce("/v1/refunds", Map.of("payment", paid, "amount", 250), apiKey).expect(201, "refund");
		gateway.get("/v1/payment_methods", token).expect(200, "cards listed");
		gateway.get("/v1/users/me", token).expect(200, "me");
		gateway.get("/v1/merchants/" + fixture.merchantId() + "/api_keys", apiKey);

		String declining = gateway
			.post("/v1/payment_methods",
					Map.of("type", "card", "card",
							Map.of("number", "4000000000000002", "exp_month", 12, "exp_year", 2034, "cvc", "123")),
					token)
			.expect(201, "declining card")
			.text("id");
		gateway
			.postOnce("/v1/payments", Map.of("amount", 1250, "currency", "USD", "merchant", fixture.merchantId(),
					"payment_method", declining), token)
			.expect(402, "declined");
		gateway.post("/v1/payments", payment, token).expect(400, "no Idempotency-Key");
		gateway.postOnce("/v1/payments", Map.of("amount", -5, "currency", "USD"), token);
		gateway.sendRaw("POST", "/v1/payments", "{\"amount\": ", token, UUID.randomUUID().toString())
			.expect(400, "malformed");
		gateway.get("/v1/payments/pay_" + UUID.randomUUID().toString().replace("-", ""), token);
		gateway.get("/v1/payments", null).expect(401, "no credentials");
		gateway.get("/v1/balance", "not-a-token").expect(401, "bad credentials");
		gateway
			.post("/v1/auth/login", Map.of("email", "nobody-" + UUID.randomUUID() + "@e2e.test", "password",
					"a wrong password", "device_id", "contract"), null)
			.expect(401, "wrong password");
		gateway.post("/v1/auth/signup", Map.of("email", "x"), null).expect(400, "invalid sign-up");
	}

	private static Request request(GatewayClient.Exchange exchange) {
		URI uri = URI.create(exchange.pathAndQuery());
		SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), uri.getRawPath());
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				String[] parts = pair.split("=", 2);
				builder.withQueryParam(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		exchange.requestHeaders().forEach(builder::withHeader);
		if (exchange.requestBody() != null) {
			builder.withBody(exchange.requestBody());
		}
		return builder.build();
	}

	private static SimpleResponse response(GatewayClient.Exchange exchange) {
		SimpleResponse.Builder builder = SimpleResponse.Builder.status(exchange.status());
		exchange.responseHeaders().forEach((name, values) -> {
			if (!name.startsWith(":")) {
				builder.withHeader(name, values);
			}
		});
		if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
			builder.withBody(exchange.responseBody());
		}
		return builder.build();
	}

}
