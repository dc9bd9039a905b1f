package io.emberpay.fraud.features;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.emberpay.events.EventCodec;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.fraud.FraudIntegrationTest;
import io.emberpay.fraud.PaymentEvents;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventIngestTests extends FraudIntegrationTest {

	@Autowired
	AttemptRetention retention;

	@Test
	void sameEventTwiceChangesNothing() {
		Map<String, Object> request = normalRequest();
		PaymentAuthorized authorized = PaymentEvents.authorized(request);
		String json = EventCodec.toJson(EventCodec.envelope("payment-service", authorized, null));

		publishRaw(Topics.PAYMENTS, authorized.aggregateId(), json);
		await().atMost(patience()).until(() -> consumed(authorized.eventId()));
		String before = featureState(request);
		publishRaw(Topics.PAYMENTS, authorized.aggregateId(), json);
		var marker = PaymentEvents.authorized(normalRequest());
		publish(Topics.PAYMENTS, marker);
		await().atMost(patience()).until(() -> consumed(marker.eventId()));

		assertThat(featureState(request)).isEqualTo(before).contains("samples=1");
	}

	@Test
	void authorizedCapturedAndSucceededOfOnePaymentCountOnce() {
		Map<String, Object> request = normalRequest();
		score(request);
		var authorized = PaymentEvents.authorized(request);
		var snapshot = authorized.payment();
		publish(Topics.PAYMENTS, authorized);
		publish(Topics.PAYMENTS, new PaymentCaptured(ResourceIds.event(), Instant.now(), snapshot));
		var succeeded = new PaymentSucceeded(ResourceIds.event(), Instant.now(), snapshot);
		publish(Topics.PAYMENTS, succeeded);
		await().atMost(patience()).until(() -> consumed(succeeded.eventId()));

		assertThat(featureState(request)).contains("attempts=1", "outcome=authorized", "source=score", "samples=1",
				"devices=1");
	}

	@Test
	void paymentNeverScoredIsLearnedFromItsEventAndCountsTowardVelocity() {
		Map<String, Object> unscored = normalRequest();
		var authorized = PaymentEvents.authorized(unscored);
		publish(Topics.PAYMENTS, authorized);
		await().atMost(patience()).until(() -> consumed(authorized.eventId()));
		assertThat(featureState(unscored)).contains("attempts=1", "source=event");

		// the event's user is the first of three on this card: only counting it makes
		// three
		Map<String, Object> second = nextPayment(unscored);
		second.put("user", ResourceIds.next("usr"));
		assertThat(score(second).json().get("reasons").toString()).doesNotContain("users_per_card");
		Map<String, Object> third = nextPayment(unscored);
		third.put("user", ResourceIds.next("usr"));
		assertThat(score(third).json().get("reasons").toString()).contains("users_per_card_24h: 3 > 2");
	}

	@Test
	void unknownEventTypesAndUnusableRecordsAreSkipped() {
		publishRaw(Topics.PAYMENTS, "pay_x", """
				{"id":"evt_future_type_%s","source":"payment-service","type":"payment.teleported","specversion":"1.0",
				 "time":"2026-11-22T01:02:03Z","data":{}}""".formatted(ResourceIds.next("x")));
		var marker = PaymentEvents.authorized(normalRequest());
		publish(Topics.PAYMENTS, marker);
		await().atMost(patience()).until(() -> consumed(marker.eventId()));
	}

	@Test
	void retentionPrunesOnlyAttemptsOlderThanTheRetentionPeriod() {
		Map<String, Object> old = at(normalRequest(), Instant.now().minus(Duration.ofDays(40)));
		Map<String, Object> recent = at(normalRequest(), Instant.now().minus(Duration.ofDays(30)));
		score(old);
		score(recent);

		this.retention.prune();

		assertThat(featureState(old)).contains("attempts=0");
		assertThat(featureState(recent)).contains("attempts=1");
	}

	private String featureState(Map<String, Object> request) {
		String payment = (String) request.get("payment");
		String user = (String) request.get("user");
		return this.jdbc
			.sql("""
					select 'attempts=' || (select count(*) from payment_attempt where payment_id = :payment)
					    || ' outcome=' || coalesce((select outcome from payment_attempt where payment_id = :payment), '-')
					    || ' source=' || coalesce((select source from payment_attempt where payment_id = :payment), '-')
					    || ' samples=' || coalesce((select samples from amount_stats where scope = 'user' and subject = :user), 0)
					    || ' mean=' || coalesce((select mean_log from amount_stats where scope = 'user' and subject = :user), 0)
					    || ' devices=' || (select count(*) from user_device where user_id = :user)""")
			.param("payment", payment)
			.param("user", user)
			.query(String.class)
			.single();
	}

}
