package io.emberpay.payment.vault;

import io.emberpay.payment.PaymentApplication;
import io.emberpay.testkit.RealInfrastructureInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A production start (no {@code local} profile) refuses the committed development keys of
 * application-local.yml and missing keys, naming the setting.
 */
@Tag("security")
class DeploymentKeyTests {

	/** The development keys application-local.yml commits. */
	private static final String COMMITTED_KEK = "q8mJ3cWl0Y5pXb3W2yqkqG3s1m0+8cQ1l8kqv3jQxqE=";

	private static final String COMMITTED_FINGERPRINT_KEY = "Zk1zYl9kZXZfZmluZ2VycHJpbnRfa2V5X2F0X2xlYXN0XzMyYg==";

	private static final String OWN_KEY = "m3Q7l0m0eYp1yq6b2b8vJm3qk1mW0p2qRrY6pT1xKcE=";

	@Test
	void productionStartWithoutKeysFailsNamingEachSetting() {
		assertThatThrownBy(() -> start()).hasStackTraceContaining("emberpay.vault.keyEncryptionKeys[1]")
			.hasStackTraceContaining("emberpay.vault.fingerprintKey")
			.hasStackTraceContaining("is not set");
	}

	@Test
	void productionStartWithTheCommittedKeyEncryptionKeyFailsNamingIt() {
		assertThatThrownBy(() -> start("--emberpay.vault.key-encryption-keys.1=" + COMMITTED_KEK,
				"--emberpay.vault.fingerprint-key=" + OWN_KEY))
			.hasStackTraceContaining("emberpay.vault.keyEncryptionKeys[1]")
			.hasStackTraceContaining("development key committed with the code");
	}

	@Test
	void productionStartWithTheCommittedFingerprintKeyFailsNamingIt() {
		assertThatThrownBy(() -> start("--emberpay.vault.key-encryption-keys.1=" + OWN_KEY,
				"--emberpay.vault.fingerprint-key=" + COMMITTED_FINGERPRINT_KEY))
			.hasStackTraceContaining("emberpay.vault.fingerprintKey")
			.hasStackTraceContaining("development key committed with the code");
	}

	private static void start(String... args) {
		new SpringApplicationBuilder(PaymentApplication.class).initializers(new RealInfrastructureInitializer())
			.properties("server.port=0")
			.run(args)
			.close();
	}

}
