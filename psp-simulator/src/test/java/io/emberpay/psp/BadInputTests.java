package io.emberpay.psp;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class BadInputTests extends AbstractSimulatorTests {

	@Test
	void refusesCardNumberFailingLuhnWithoutEchoingIt(CapturedOutput output) {
		ApiClient.Response response = authorize("psp-a", 100, "4242424242424241");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.text("code")).isEqualTo("invalid_card_number");
		assertThat(response.body()).doesNotContain("4242424242424241");
		assertThat(output.getAll()).doesNotContain("4242424242424241");
		assertThat(stat("psp-a", "authorizations")).isZero();
	}

	@Test
	void neverLogsCardNumberOrCvc(CapturedOutput output) {
		Map<String, Object> body = authorization(100, "4000056655665556", newReference("pay"));
		((Map<String, Object>) body.get("card")).put("cvc", "9876");

		assertThat(post("/psp-a/v1/authorizations", newKey(), body).status()).isEqualTo(200);
		assertThat(output.getAll()).contains("****5556").doesNotContain("4000056655665556").doesNotContain("9876");
	}

	@Test
	void refusesInvalidFieldsWithTheirNamesOnly() {
		Map<String, Object> body = authorization(-5, VISA_OK, "pay 1,2");
		body.put("currency", "usd");
		((Map<String, Object>) body.get("card")).put("exp_month", 13);
		((Map<String, Object>) body.get("card")).put("cvc", "12a");

		ApiClient.Response response = post("/psp-a/v1/authorizations", newKey(), body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("invalid_request");
		assertThat(response.text("message")).contains("amount", "currency", "card.exp_month", "card.cvc", "reference");
		assertThat(response.body()).doesNotContain("12a");
	}

	@Test
	void refusesMalformedOrUnknownJson() {
		ApiClient.Response malformed = post("/psp-a/v1/authorizations", newKey(), "{\"amount\": ");
		ApiClient.Response unknownField = post("/psp-a/v1/authorizations", newKey(),
				"{\"amount\": 1, \"currency\": \"USD\", \"reference\": \"pay_1\", \"surprise\": true,"
						+ " \"card\": {\"number\": \"4242424242424242\", \"exp_month\": 1, \"exp_year\": 2030}}");
		ApiClient.Response wrongType = post("/psp-a/v1/authorizations", newKey(),
				"{\"amount\": \"4242424242424242\", \"currency\": \"USD\"}");
		ApiClient.Response fractional = post("/psp-a/v1/authorizations", newKey(),
				"{\"amount\": 10.5, \"currency\": \"USD\"}");

		for (ApiClient.Response response : new ApiClient.Response[] { malformed, unknownField, wrongType,
				fractional }) {
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.text("code")).isEqualTo("malformed_body");
			assertThat(response.body()).doesNotContain("4242424242424242");
		}
	}

	@Test
	void refusesMissingFieldsAndBody() {
		ApiClient.Response empty = post("/psp-a/v1/authorizations", newKey(), "{}");
		ApiClient.Response noBody = post("/psp-a/v1/authorizations", newKey(), null);
		ApiClient.Response refundWithoutReference = post("/psp-a/v1/authorizations/auth_x/refunds", newKey(),
				Map.of("amount", 1));

		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.text("message")).contains("amount", "card", "currency", "reference");
		assertThat(noBody.status()).isEqualTo(400);
		assertThat(refundWithoutReference.status()).isEqualTo(400);
	}

	@Test
	void refusesOversizedBodiesWithOrWithoutALength() throws Exception {
		String huge = "{\"amount\": 1, \"currency\": \"USD\", \"reference\": \"" + "x".repeat(20_000) + "\"}";

		ApiClient.Response declared = post("/psp-a/v1/authorizations", newKey(), huge);
		HttpResponse<String> chunked;
		try (HttpClient client = HttpClient.newHttpClient()) {
			chunked = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/psp-a/v1/authorizations"))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", newKey())
				.POST(HttpRequest.BodyPublishers
					.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		assertThat(declared.status()).isEqualTo(413);
		assertThat(declared.text("code")).isEqualTo("payload_too_large");
		assertThat(chunked.statusCode()).isEqualTo(413);
	}

	@Test
	void answersUnknownAcquirerAndPathWithNotFound() {
		ApiClient.Response unknownPsp = authorize("psp-z", 100, VISA_OK);
		ApiClient.Response unknownPath = api().get("/psp-a/v1/nothing-here");

		assertThat(unknownPsp.status()).isEqualTo(404);
		assertThat(unknownPsp.text("code")).isEqualTo("unknown_psp");
		assertThat(unknownPath.status()).isEqualTo(404);
		assertThat(unknownPath.text("code")).isEqualTo("not_found");
	}

	@Test
	void answersWrongMethodAndMediaTypeWithClientErrors() {
		ApiClient.Response wrongMethod = api().delete("/psp-a/v1/authorizations/auth_x");
		ApiClient.Response wrongType = api().send("POST", "/psp-a/v1/authorizations", null,
				Map.of("Idempotency-Key", newKey(), "Content-Type", "text/plain"));
		ApiClient.Response missingQuery = api().get("/psp-a/v1/authorizations");

		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.text("code")).isEqualTo("method_not_allowed");
		assertThat(wrongType.status()).isEqualTo(415);
		assertThat(missingQuery.status()).isEqualTo(400);
	}

}
