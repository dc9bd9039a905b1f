package io.emberpay.starter;

import io.emberpay.testkit.RealInfrastructureInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service without its client secret has no identity: outside the {@code local} profile
 * it must not start, and the failure names the setting.
 */
@Tag("security")
class ServiceIdentityStartupTests {

	@Test
	void aStartWithoutAClientSecretFailsNamingTheSetting() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(StarterTestApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--emberpay.test.client-secret=", "--emberpay.inbox.enabled=false")
			.close()).hasStackTraceContaining("emberpay.service-identity.clientSecret")
			.hasStackTraceContaining("is not set");
	}

}
