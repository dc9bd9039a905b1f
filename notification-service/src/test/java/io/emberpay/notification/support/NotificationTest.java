package io.emberpay.notification.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.emberpay.testkit.RealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context every notification integration test shares: real PostgreSQL and
 * Kafka, the test clock, GreenMail, http to 127.0.0.1 allowed (loopback receivers), one
 * send in flight per endpoint (so arrival order is retry order).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emberpay.notification.webhooks.secret-key=" + NotificationTest.SECRET_KEY,
				"emberpay.notification.webhooks.insecure-local-hosts=127.0.0.1",
				"emberpay.notification.webhooks.max-in-flight-per-endpoint=1",
				"emberpay.notification.webhooks.poll-interval=100ms",
				"emberpay.notification.notices.poll-interval=100ms", "logging.level.org.apache.kafka=WARN",
				"logging.level.kafka=WARN", "logging.level.org.apache.kafka.clients.consumer.internals=ERROR" })
@RealInfrastructure
@Import(NotificationTestConfiguration.class)
public @interface NotificationTest {

	/**
	 * The tests' own key: the development key of application-local.yml is refused outside
	 * the local profile.
	 */
	String SECRET_KEY = "hV3kQ9mZ2xR7cT1nB5wL8pF0jD4sG6yA3eU9iO2rK7M=";

}
