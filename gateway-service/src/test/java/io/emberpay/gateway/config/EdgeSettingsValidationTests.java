package io.emberpay.gateway.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway refuses to start on settings that would weaken the edge, naming the
 * setting, instead of running with them.
 */
class EdgeSettingsValidationTests {

	private final ApplicationContextRunner gateway = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class)
		.withPropertyValues("emberpay.security.issuer=https://auth.emberpay.local",
				"emberpay.security.audience=emberpay-api", "emberpay.security.jwks-uri=http://localhost:1/jwks",
				"emberpay.security.jwks-refresh=5m", "emberpay.security.jwks-min-refetch-interval=30s",
				"emberpay.security.clock-skew=30s", "emberpay.security.merchant-key-cache-ttl=30s",
				"emberpay.security.merchant-key-rejection-ttl=5s", "emberpay.security.merchant-key-cache-size=1000",
				"emberpay.security.verified-token-cache-ttl=30s", "emberpay.security.verified-token-cache-size=1000",
				"emberpay.security.verify-timeout=2s", "emberpay.security.revocation-poll-interval=5s",
				"emberpay.services.payment.url=http://localhost:8082", "emberpay.services.payment.timeout=5s");

	@Test
	void validSettingsStart() {
		this.gateway.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aMerchantKeyCacheBeyondTheContractsMinuteIsRefused() {
		this.gateway.withPropertyValues("emberpay.security.merchant-key-cache-ttl=2m")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("merchantKeyCacheTtlCapped"));
	}

	@Test
	void aMissingIssuerIsRefusedByName() {
		this.gateway.withPropertyValues("emberpay.security.issuer=")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("issuer"));
	}

	@Test
	void aServiceWithoutATimeoutIsRefusedByName() {
		this.gateway.withPropertyValues("emberpay.services.ledger.url=http://localhost:8084")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("services[ledger].timeout"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ SecurityProperties.class, ServiceDirectory.class })
	static class Settings {

	}

}
