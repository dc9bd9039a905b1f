package io.emberpay.starter;

import java.nio.file.Path;
import java.util.Map;

import io.emberpay.testkit.RealInfrastructureInitializer;
import io.emberpay.testkit.SelfSignedCertificate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
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
	void anHttpsJwksUrlTrustedThroughAnSslBundleStartsWhereHttpsIsRequired(@TempDir Path directory) {
		SelfSignedCertificate ca = SelfSignedCertificate.localhost(directory);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StarterTestApplication.class)
			.initializers(new RealInfrastructureInitializer(),
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("httpsJwks",
								Map.of("emberpay.security.jwks-uri", "https://localhost:8443/.well-known/jwks.json"))))
			.run("--server.port=0", "--emberpay.inbox.enabled=false", "--emberpay.security.jwks-require-https=true",
					"--emberpay.security.jwks-ssl-bundle=internal",
					"--spring.ssl.bundle.pem.internal.truststore.certificate=file:" + ca.certificatePem())) {
			assertThat(app.getBean(JwtDecoder.class)).isNotNull();
		}
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
