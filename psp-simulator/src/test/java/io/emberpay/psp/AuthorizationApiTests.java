package io.emberpay.psp;

import java.util.Map;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationApiTests extends AbstractSimulatorTests {

	@ParameterizedTest
	@CsvSource({ "4242424242424242, authorized, ", "5555555555554444, authorized, ",
			"4000000000000002, declined, card_declined", "4000000000009995, declined, insufficient_funds",
			"4000000000000069, declined, expired_card", "4000000000000127, declined, incorrect_cvc",
			"4000000000000119, declined, processing_error", "4000000000009987, declined, lost_card",
			"4000000000009979, declined, stolen_card", "4000000000006975, declined, card_velocity_exceeded" })
	void answersEachTestCardWithItsOutcome(String number, String status, String declineCode) {
		ApiClient.Response response = authorize("psp-a", 1999, number);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("status")).isEqualTo(status);
		assertThat(response.text("decline_code")).isEqualTo(declineCode);
		assertThat(response.json().has("decline_code")).isTrue();
		assertThat(response.text("id")).startsWith("auth_");
		assertThat(response.json().get("amount").asLong()).isEqualTo(1999);
		assertThat(response.text("currency")).isEqualTo("USD");
		assertThat(response.json().get("card").get("last4").asString()).isEqualTo(number.substring(12));
		assertThat(response.body()).doesNotContain(number).doesNotContain("\"cvc\"");
	}

	@Test
	void declinesCardThatExpiredInThePast() {
		Map<String, Object> body = authorization(500, VISA_OK, newReference("pay"));
		((Map<String, Object>) body.get("card")).put("exp_year", 2020);

		ApiClient.Response response = post("/psp-a/v1/authorizations", newKey(), body);

		assertThat(response.text("status")).isEqualTo("declined");
		assertThat(response.text("decline_code")).isEqualTo("expired_card");
	}

	@Test
	void authorizesWithoutCvcAsForAStoredCard() {
		Map<String, Object> body = authorization(500, VISA_OK, newReference("pay"));
		((Map<String, Object>) body.get("card")).remove("cvc");

		assertThat(post("/psp-b/v1/authorizations", newKey(), body).text("status")).isEqualTo("authorized");
	}

	@Test
	void authorizesAndCapturesInOneStepWhenAsked() {
		Map<String, Object> body = authorization(2500, VISA_OK, newReference("pay"));
		body.put("capture", true);

		ApiClient.Response response = post("/psp-b/v1/authorizations", newKey(), body);

		assertThat(response.text("status")).isEqualTo("captured");
		assertThat(response.json().get("amount_captured").asLong()).isEqualTo(2500);
		assertThat(stat("psp-b", "authorizations")).isEqualTo(1);
		assertThat(stat("psp-b", "captures")).isEqualTo(1);
		assertThat(stat("psp-a", "authorizations")).isZero();
	}

	@Test
	void capturesPartOfTheAuthorizationOnce() {
		String id = authorize("psp-a", 1000, VISA_OK).text("id");

		ApiClient.Response captured = post("/psp-a/v1/authorizations/" + id + "/capture", newKey(),
				Map.of("amount", 600));
		ApiClient.Response again = post("/psp-a/v1/authorizations/" + id + "/capture", newKey(), Map.of("amount", 400));

		assertThat(captured.status()).isEqualTo(200);
		assertThat(captured.text("status")).isEqualTo("captured");
		assertThat(captured.json().get("amount_captured").asLong()).isEqualTo(600);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("code")).isEqualTo("invalid_state");
		assertThat(stat("psp-a", "captures")).isEqualTo(1);
	}

	@Test
	void capturesTheWholeAmountWhenNoAmountIsGiven() {
		String id = authorize("psp-a", 1234, VISA_OK).text("id");

		ApiClient.Response captured = post("/psp-a/v1/authorizations/" + id + "/capture", newKey(), null);

		assertThat(captured.status()).isEqualTo(200);
		assertThat(captured.json().get("amount_captured").asLong()).isEqualTo(1234);
	}

	@Test
	void refusesToCaptureMoreThanAuthorized() {
		String id = authorize("psp-a", 1000, VISA_OK).text("id");

		ApiClient.Response response = post("/psp-a/v1/authorizations/" + id + "/capture", newKey(),
				Map.of("amount", 1001));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.text("code")).isEqualTo("amount_exceeds_authorized");
		assertThat(api().get("/psp-a/v1/authorizations/" + id).text("status")).isEqualTo("authorized");
	}

	@Test
	void refusesToCaptureDeclinedOrVoidedAuthorizations() {
		String declined = authorize("psp-a", 1000, "4000000000000002").text("id");
		String voided = authorize("psp-a", 1000, VISA_OK).text("id");
		ApiClient.Response voidAnswer = post("/psp-a/v1/authorizations/" + voided + "/void", newKey(), null);

		assertThat(voidAnswer.status()).isEqualTo(200);
		assertThat(voidAnswer.text("status")).isEqualTo("voided");
		assertThat(post("/psp-a/v1/authorizations/" + declined + "/capture", newKey(), null).status()).isEqualTo(409);
		assertThat(post("/psp-a/v1/authorizations/" + voided + "/capture", newKey(), null).status()).isEqualTo(409);
		assertThat(post("/psp-a/v1/authorizations/" + voided + "/void", newKey(), null).status()).isEqualTo(409);
	}

	@Test
	void refundsPartiallyUpToTheCapturedAmount() {
		String id = authorize("psp-a", 1000, VISA_OK).text("id");
		post("/psp-a/v1/authorizations/" + id + "/capture", newKey(), Map.of("amount", 800));
		String refunds = "/psp-a/v1/authorizations/" + id + "/refunds";

		ApiClient.Response first = post(refunds, newKey(), Map.of("amount", 500, "reference", newReference("re")));
		ApiClient.Response tooMuch = post(refunds, newKey(), Map.of("amount", 301, "reference", newReference("re")));
		ApiClient.Response rest = post(refunds, newKey(), Map.of("amount", 300, "reference", newReference("re")));

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.text("id")).startsWith("rf_");
		assertThat(first.text("status")).isEqualTo("succeeded");
		assertThat(first.text("authorization")).isEqualTo(id);
		assertThat(tooMuch.status()).isEqualTo(422);
		assertThat(tooMuch.text("code")).isEqualTo("amount_exceeds_refundable");
		assertThat(rest.status()).isEqualTo(200);
		ApiClient.Response authorization = api().get("/psp-a/v1/authorizations/" + id);
		assertThat(authorization.json().get("amount_refunded").asLong()).isEqualTo(800);
		assertThat(authorization.json().get("refunds").size()).isEqualTo(2);
		assertThat(stat("psp-a", "refunds")).isEqualTo(2);
	}

	@Test
	void refusesToRefundBeforeCapture() {
		String id = authorize("psp-a", 1000, VISA_OK).text("id");

		ApiClient.Response response = post("/psp-a/v1/authorizations/" + id + "/refunds", newKey(),
				Map.of("amount", 100, "reference", newReference("re")));

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.text("code")).isEqualTo("invalid_state");
	}

	@Test
	void findsAnAuthorizationByIdAndByItsIdempotencyKey() {
		String key = newKey();
		String reference = newReference("pay");
		String id = post("/psp-b/v1/authorizations", key, authorization(700, VISA_OK, reference)).text("id");

		ApiClient.Response byKey = api().get("/psp-b/v1/authorizations?idempotency_key=" + key);
		ApiClient.Response byId = api().get("/psp-b/v1/authorizations/" + id);

		assertThat(byKey.status()).isEqualTo(200);
		assertThat(byKey.text("id")).isEqualTo(id);
		assertThat(byKey.text("reference")).isEqualTo(reference);
		assertThat(byId.text("id")).isEqualTo(id);
		assertThat(byId.text("psp")).isEqualTo("psp-b");
	}

	@Test
	void keepsAcquirersApart() {
		String key = newKey();
		String id = post("/psp-a/v1/authorizations", key, authorization(700, VISA_OK, newReference("pay"))).text("id");

		assertThat(api().get("/psp-b/v1/authorizations/" + id).status()).isEqualTo(404);
		assertThat(api().get("/psp-b/v1/authorizations?idempotency_key=" + key).status()).isEqualTo(404);
	}

	@Test
	void answersNotFoundForUnknownAuthorizationOrKey() {
		ApiClient.Response byId = api().get("/psp-a/v1/authorizations/auth_nope");
		ApiClient.Response byKey = api().get("/psp-a/v1/authorizations?idempotency_key=never-used");
		ApiClient.Response capture = post("/psp-a/v1/authorizations/auth_nope/capture", newKey(), null);

		assertThat(byId.status()).isEqualTo(404);
		assertThat(byId.text("code")).isEqualTo("authorization_not_found");
		assertThat(byKey.status()).isEqualTo(404);
		assertThat(capture.status()).isEqualTo(404);
	}

}
