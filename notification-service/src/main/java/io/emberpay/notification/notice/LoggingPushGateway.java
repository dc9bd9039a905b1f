package io.emberpay.notification.notice;

import io.emberpay.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The push adapter of local runs and tests: logs the FCM payload it would send (with a
 * placeholder token) instead of calling a provider. A deployment adds an FCM/APNs adapter
 * as the {@code @Primary} {@link PushGateway}.
 */
@Component
class LoggingPushGateway implements PushGateway {

	private static final Logger log = LoggerFactory.getLogger(LoggingPushGateway.class);

	@Override
	public void push(PushMessage message) {
		log.info("Push to {} (not sent, logging gateway): {}", message.user(),
				EventCodec.json().writeValueAsString(message.fcm("<device-token>")));
	}

}
