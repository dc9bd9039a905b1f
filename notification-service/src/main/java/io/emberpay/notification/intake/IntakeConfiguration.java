package io.emberpay.notification.intake;

import java.util.List;

import io.emberpay.events.Topics;
import io.emberpay.starter.inbox.EventSubscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One consumer group reads payments, fraud, auth and subscription events; later topics
 * join the list here.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	@Bean
	EventSubscription notificationIntake(PlatformEventIntake intake) {
		return new EventSubscription("notification-service",
				List.of(Topics.PAYMENTS, Topics.FRAUD, Topics.AUTH, Topics.SUBSCRIPTIONS), intake::handle);
	}

}
