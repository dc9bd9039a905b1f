package io.emberpay.starter;

import io.emberpay.testkit.RealInfrastructureInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where a deployment says transport must be secure, a service outside the {@code local}
 * profile refuses to start over plaintext Kafka or with a plain-http JWKS URL, naming the
 * setting.
 */
@Tag("security")
class KafkaAndJwksStartupTests {

	@Test
	void aStartOverPlaintextKafkaWhenSecureKafkaIsRequiredFailsNamingTheSetting() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(StarterTestApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--emberpay.inbox.enabled=false", "--emberpay.kafka.require-secure=true")
			.close()).hasStackTraceContaining("emberpay.kafka.require-secure is true")
			.hasStackTraceContaining("emberpay.kafka.security-protocol must be SASL_SSL")
			.hasStackTraceContaining("not PLAINTEXT");
	}

	@Test
	void aStartWithAPlainHttpJwksUrlWhenHttpsIsRequiredFailsNamingTheSetting() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(StarterTestApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--emberpay.inbox.enabled=false", "--emberpay.security.jwks-require-https=true")
			.close()).hasStackTraceContaining("emberpay.security.jwks-require-https is true")
			.hasStackTraceContaining("emberpay.security.jwks-uri must be an https URL");
	}

}
