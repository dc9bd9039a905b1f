package io.emberpay.payment.privacy;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.starter.inbox.EventSubscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** payment-service hears of erasures on auth.events, and of nothing else there. */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

	@Bean
	EventSubscription paymentErasures(UserErasure erasure) {
		return EventSubscription.of("payment-service.privacy", List.of(Topics.AUTH), erasure::handle,
				AuthEvent.UserErasureRequested.class);
	}

}
