package io.emberpay.auth.config;

import io.emberpay.auth.AuthApplication;
import io.emberpay.testkit.RealInfrastructureInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A production start (no {@code local} profile) refuses the committed development keys of
 * application-local.yml and missing keys, naming the setting.
 */
@Tag("security")
class DeploymentKeyTests {

	/** The development keys application-local.yml commits. */
	private static final String COMMITTED_MASTER_KEY = "ZW1iZXJwYXktbG9jYWwtZGV2LW1hc3Rlci1rZXktMzI=";

	private static final String OWN_KEY = "m3Q7l0m0eYp1yq6b2b8vJm3qk1mW0p2qRrY6pT1xKcE=";

	@Test
	void productionStartWithoutKeysFailsNamingEachSetting() {
		assertThatThrownBy(() -> start()).hasStackTraceContaining("emberpay.auth.secrets.masterKey")
			.hasStackTraceContaining("emberpay.auth.secrets.hashPepper")
			.hasStackTraceContaining("is not set");
	}

	@Test
	void productionStartWithTheCommittedMasterKeyFailsNamingIt() {
		assertThatThrownBy(() -> start("--emberpay.auth.secrets.master-key=" + COMMITTED_MASTER_KEY,
				"--emberpay.auth.secrets.hash-pepper=" + OWN_KEY))
			.hasStackTraceContaining("emberpay.auth.secrets.masterKey")
			.hasStackTraceContaining("development key committed with the code");
	}

	@Test
	void localProfileStartsWithTheCommittedKeys() {
		// its own database: the development master key must not seal keys the other tests
		// read
		assertThatCode(() -> start("--spring.profiles.active=local", "--emberpay.test.database=auth_local_profile"))
			.doesNotThrowAnyException();
	}

	private static void start(String... args) {
		new SpringApplicationBuilder(AuthApplication.class).initializers(new RealInfrastructureInitializer())
			.properties("server.port=0", "emberpay.auth.tokens.key-activation-delay=0s")
			.run(args)
			.close();
	}

}
