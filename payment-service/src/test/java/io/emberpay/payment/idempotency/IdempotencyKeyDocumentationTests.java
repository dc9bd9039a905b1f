package io.emberpay.payment.idempotency;

import io.emberpay.payment.support.PaymentServiceTest;
import io.emberpay.starter.idempotency.IdempotencyFilter;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

@PaymentServiceTest
class IdempotencyKeyDocumentationTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void documentsTheKeyAsRequiredWhereMoneyMovesAndAbsentWhereTheFilterDoesNotLook() {
		JsonNode paths = new ApiClient("http://localhost:" + this.port).get("/v3/api-docs").json().path("paths");

		assertThat(keyOf(paths.at("/~1v1~1payments/post")).path("required").asBoolean()).isTrue();
		assertThat(keyOf(paths.at("/~1v1~1payments~1{id}~1capture/post")).path("required").asBoolean()).isTrue();
		assertThat(keyOf(paths.at("/~1v1~1payment_methods/post")).isMissingNode()).isTrue();
		assertThat(keyOf(paths.at("/~1v1~1psp_webhooks~1{acquirer}/post")).isMissingNode()).isTrue();
	}

	private static JsonNode keyOf(JsonNode operation) {
		for (JsonNode parameter : operation.path("parameters")) {
			if (parameter.path("name").asString().equals(IdempotencyFilter.HEADER)) {
				return parameter;
			}
		}
		return MissingNode.getInstance();
	}

}
