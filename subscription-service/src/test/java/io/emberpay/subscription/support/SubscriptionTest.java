package io.emberpay.subscription.support;

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
 * The one Spring context every subscription integration test shares: real PostgreSQL and
 * Kafka, a clock tests move, and an acquirer stand-in behind the off-session charger. The
 * scheduled renewal run is pushed out of the way: tests run it themselves. The App Store
 * and Google fakes stand in for the stores.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emberpay.subscription.renewal.interval=1h", "emberpay.subscription.renewal.batch-size=50",
				"emberpay.subscription.renewal.claim-lease=30s", "logging.level.org.apache.kafka=WARN",
				"logging.level.kafka=WARN", "logging.level.org.apache.kafka.clients.consumer.internals=ERROR" })
@RealInfrastructure
@Import({ SubscriptionTestConfiguration.class, StoreFakesConfiguration.class })
public @interface SubscriptionTest {

}
