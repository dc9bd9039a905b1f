package io.emberpay.fraud.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.fraud.FraudIntegrationTest;
import io.emberpay.fraud.PaymentEvents;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each rule fires on its own scenario, end to end: scoring requests over HTTP, history
 * from the real database, features fed by real Kafka events.
 */
class RuleScenarioTests extends FraudIntegrationTest {

	@Test
	void userVelocityFiresWhenOneUserPaysTooOftenWithinAMinute() {
		Map<String, Object> request = normalRequest();
		ApiClient.Response last = null;
		for (int i = 0; i < 6; i++) {
			request = nextPayment(request);
			request.put("card_fingerprint", "fp_user_velocity_" + i + request.get("user"));
			last = score(request);
		}
		assertThat(reasons(last)).contains("velocity_user_1m: 6 > 5");
	}

	@Test
	void deviceAndIpVelocityFireAcrossDifferentUsersAndCards() {
		Map<String, Object> request = normalRequest();
		ApiClient.Response last = null;
		for (int i = 0; i < 11; i++) {
			request = nextPayment(request);
			request.put("user", ResourceIds.next("usr"));
			request.put("card_fingerprint", "fp_device_velocity_" + i + request.get("user"));
			last = score(request);
		}
		assertThat(reasons(last)).contains("velocity_device_1m: 11 > 8", "velocity_ip_1m: 11 > 10",
				"cards_per_device_24h: 11 > 3");
	}

	@Test
	void amountVelocityFiresWhenOneCardMovesTooMuchWithinAnHour() {
		Map<String, Object> request = normalRequest();
		request.put("amount", 300_000);
		assertThat(reasons(score(request))).isEmpty();
		ApiClient.Response second = score(nextPayment(request));
		assertThat(reasons(second)).contains("velocity_amount_card_1h: 600000 USD > 500000");
	}

	@Test
	void usersPerCardFiresWhenOneCardServesManyAccounts() {
		Map<String, Object> request = normalRequest();
		ApiClient.Response last = null;
		for (int i = 0; i < 3; i++) {
			request = nextPayment(request);
			request.put("user", ResourceIds.next("usr"));
			request.put("device_id", "dev-" + ResourceIds.next("x"));
			last = score(request);
		}
		assertThat(reasons(last)).containsExactly("users_per_card_24h: 3 > 2");
	}

	@Test
	void countryMismatchFiresWhenIpAndCardCountriesDiffer() {
		Map<String, Object> request = normalRequest();
		request.put("ip", "198.51.100.23");

		assertThat(reasons(score(request))).containsExactly("ip_card_country_mismatch: GB != US");
	}

	@Test
	void impossibleTravelFiresWhenConsecutivePaymentsAreContinentsApartMinutesApart() {
		Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> newYork = at(normalRequest(), start);
		newYork.put("ip", "192.0.2.10");
		assertThat(reasons(score(newYork))).isEmpty();

		Map<String, Object> tokyo = at(nextPayment(newYork), start.plus(Duration.ofMinutes(30)));
		tokyo.put("ip", "100.65.1.1");
		tokyo.put("card_country", "JP");
		tokyo.put("card_fingerprint", "fp_travel_" + newYork.get("user"));

		assertThat(reasons(score(tokyo))).singleElement().asString().startsWith("impossible_travel_kmh: ");
	}

	@Test
	void impossibleTravelStaysQuietWhenTheTripWasPossible() {
		Instant start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> newYork = at(normalRequest(), start);
		newYork.put("ip", "192.0.2.10");
		score(newYork);

		Map<String, Object> sanFrancisco = at(nextPayment(newYork), start.plus(Duration.ofHours(8)));
		sanFrancisco.put("ip", "203.0.113.9");

		assertThat(reasons(score(sanFrancisco))).isEmpty();
	}

	@Test
	void failedPaymentsInARowFireOnCardAndUserUntilASuccess() {
		Map<String, Object> request = normalRequest();
		String lastEvent = null;
		for (int i = 0; i < 3; i++) {
			request = nextPayment(request);
			score(request);
			PaymentFailed failed = PaymentEvents.failed(request);
			publish(Topics.PAYMENTS, failed);
			lastEvent = failed.eventId();
		}
		String awaited = lastEvent;
		await().atMost(patience()).until(() -> consumed(awaited));

		Map<String, Object> next = nextPayment(request);
		assertThat(reasons(score(next))).contains("failed_in_a_row_payment_card: 3 >= 3",
				"failed_in_a_row_payment_user: 3 >= 3");

		var authorized = PaymentEvents.authorized(next);
		publish(Topics.PAYMENTS, authorized);
		await().atMost(patience()).until(() -> consumed(authorized.eventId()));
		assertThat(reasons(score(nextPayment(next)))).noneMatch(reason -> reason.startsWith("failed_in_a_row"));
	}

	@Test
	void failedLoginsInARowFireForTheUser() {
		Map<String, Object> request = normalRequest();
		String user = (String) request.get("user");
		String lastEvent = null;
		for (int i = 0; i < 5; i++) {
			var failed = new AuthEvent.LoginFailed(ResourceIds.event(), Instant.now(), user, "bad_password",
					"100.69.0.1");
			publish(Topics.AUTH, failed);
			lastEvent = failed.eventId();
		}
		String awaited = lastEvent;
		await().atMost(patience()).until(() -> consumed(awaited));

		assertThat(reasons(score(request))).containsExactly("failed_in_a_row_login_user: 5 >= 5");
	}

	@Test
	void newDeviceFiresForAnUnprovenDeviceOfAUserWithKnownDevices() {
		Map<String, Object> request = normalRequest();
		String user = (String) request.get("user");
		var login = new AuthEvent.LoginSucceeded(ResourceIds.event(), Instant.now(), user, "dev-phone-" + user, null,
				true, List.of("pwd"), "100.69.0.1");
		publish(Topics.AUTH, login);
		await().atMost(patience()).until(() -> consumed(login.eventId()));

		Map<String, Object> knownDevice = nextPayment(request);
		knownDevice.put("device_id", "dev-phone-" + user);
		assertThat(reasons(score(knownDevice))).isEmpty();

		Map<String, Object> otherDevice = nextPayment(request);
		otherDevice.put("device_id", "dev-other-" + user);
		assertThat(reasons(score(otherDevice))).containsExactly("new_device_for_user: dev-other-" + user);
	}

	@Test
	void amountAnomalyFiresAgainstTheUsersOwnHistoryAndNotForUsualAmounts() {
		Map<String, Object> request = normalRequest();
		String lastEvent = null;
		long[] usual = { 1500, 2200, 1800, 2500, 1999, 2100 };
		for (long amount : usual) {
			request = nextPayment(request);
			request.put("amount", amount);
			request.put("occurred_at", Instant.now().minus(Duration.ofDays(3)).toString());
			var authorized = PaymentEvents.authorized(request);
			publish(Topics.PAYMENTS, authorized);
			lastEvent = authorized.eventId();
		}
		String awaited = lastEvent;
		await().atMost(patience()).until(() -> consumed(awaited));

		Map<String, Object> usualAmount = nextPayment(request);
		usualAmount.put("amount", 2400);
		usualAmount.put("occurred_at", null);
		assertThat(reasons(score(usualAmount))).isEmpty();

		Map<String, Object> unusual = nextPayment(request);
		unusual.put("amount", 250_000);
		unusual.put("occurred_at", null);
		assertThat(reasons(score(unusual))).singleElement().asString().startsWith("amount_anomaly_user: z ");
	}

	private static List<String> reasons(ApiClient.Response response) {
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("fallback").asBoolean()).isFalse();
		return response.json().get("reasons").valueStream().map(node -> node.asString()).toList();
	}

}
