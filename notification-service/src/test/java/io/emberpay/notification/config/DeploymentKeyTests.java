package io.emberpay.notification.config;

import io.emberpay.notification.NotificationApplication;
import io.emberpay.testkit.RealInfrastructureInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A production start (no {@code local} profile) refuses the committed development key of
 * application-local.yml and a missing key, naming the setting.
 */
@Tag("security")
class DeploymentKeyTests {

	/** The development key application-local.yml commits. */
	private static final String COMMITTED_KEY = "ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdCE=";

	@Test
	void productionStartWithoutTheWebhookSecretKeyFailsNamingIt() {
		assertThatThrownBy(() -> start()).hasStackTraceContaining("emberpay.notification.webhooks.secretKey")
			.hasStackTraceContaining("is not set");
	}

	@Test
	void productionStartWithTheCommittedWebhookSecretKeyFailsNamingIt() {
		assertThatThrownBy(() -> start("--emberpay.notification.webhooks.secret-key=" + COMMITTED_KEY))
			.hasStackTraceContaining("emberpay.notification.webhooks.secretKey")
			.hasStackTraceContaining("development key committed with the code");
	}

	private static void start(String... args) {
		new SpringApplicationBuilder(NotificationApplication.class).initializers(new RealInfrastructureInitializer())
			.properties("server.port=0")
			.run(args)
			.close();
	}

}
