package io.emberpay.starter;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON value of the wrong type is a 400 {@code invalid_request} problem naming the
 * field, never converted: {@code "amount": "100"} is not charged as 100.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "emberpay.security.public-paths=/v1/strict-json-test/**")
@RealInfrastructure
@Import(StrictJsonTests.Endpoints.class)
class StrictJsonTests {

	@Value("${local.server.port}")
	int port;

	@ParameterizedTest(name = "amount: {0}")
	@ValueSource(strings = { "\"100\"", "true", "1.5", "\"\"", "\"1e2\"" })
	void aValueThatIsNotAJsonIntegerWhereAnIntegerIsExpectedIsA400NamingTheField(String amount) {
		ApiClient.Response response = client().post("/v1/strict-json-test/charges",
				"{\"amount\": " + amount + ", \"currency\": \"USD\", \"capture\": true}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("code").asString()).isEqualTo("invalid_request");
		assertThat(response.json().get("param").asString()).isEqualTo("amount");
	}

	@Test
	void aNestedIntegerOfTheWrongTypeIsNamedByItsPath() {
		ApiClient.Response response = client().post("/v1/strict-json-test/charges",
				"{\"amount\": 100, \"currency\": \"USD\", \"card\": {\"exp_month\": \"12\"}}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("param").asString()).isEqualTo("card.exp_month");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"amount\": 100, \"currency\": 840}", "{\"amount\": 100, \"currency\": true}",
			"{\"amount\": 100, \"currency\": \"USD\", \"capture\": \"true\"}",
			"{\"amount\": 100, \"currency\": \"USD\", \"capture\": 1}" })
	void numbersForStringsAndStringsOrNumbersForBooleansAreRefusedToo(String body) {
		ApiClient.Response response = client().post("/v1/strict-json-test/charges", body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("param").asString()).isIn("currency", "capture");
	}

	@Test
	void wellTypedJsonIsAccepted() {
		ApiClient.Response response = client().post("/v1/strict-json-test/charges",
				"{\"amount\": 100, \"currency\": \"USD\", \"capture\": false, \"card\": {\"exp_month\": 12}}");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("amount").asLong()).isEqualTo(100);
	}

	private ApiClient client() {
		return new ApiClient("http://localhost:" + this.port);
	}

	@TestConfiguration
	@RestController
	static class Endpoints {

		record Card(Integer expMonth) {
		}

		record Charge(Long amount, String currency, Boolean capture, Card card) {
		}

		@PostMapping("/v1/strict-json-test/charges")
		Charge charge(@RequestBody Charge charge) {
			return charge;
		}

	}

}
