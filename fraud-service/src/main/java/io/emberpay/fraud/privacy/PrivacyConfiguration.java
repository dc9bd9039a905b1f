package io.emberpay.fraud.privacy;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.inbox.EventSubscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Erasures have a consumer group of their own, so a backlog of login features never
 * delays one.
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

	@Bean
	EventSubscription fraudErasures(UserErasure erasure) {
		return EventSubscription.of("fraud-service.privacy", List.of(Topics.AUTH), erasure::handle,
				AuthEvent.UserErasureRequested.class);
	}

}
