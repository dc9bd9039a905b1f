package io.emberpay.fraud.features;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.starter.inbox.EventSubscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kafka topics that keep risk features current, each an idempotent consumer. */
@Configuration(proxyBeanMethods = false)
class FeatureSubscriptions {

	@Bean
	EventSubscription paymentFeatures(PaymentEventIngest ingest) {
		return new EventSubscription("fraud-service.payments", List.of(Topics.PAYMENTS), ingest::apply);
	}

	@Bean
	EventSubscription authFeatures(AuthEventIngest ingest) {
		return new EventSubscription("fraud-service.auth", List.of(Topics.AUTH), ingest::apply);
	}

}
