package io.emberpay.payment.vault;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

	@Bean
	EnvelopeCipher envelopeCipher(VaultProperties properties) {
		return new EnvelopeCipher(properties);
	}

	@Bean
	CvcHold cvcHold(VaultProperties properties, Clock clock) {
		return new CvcHold(properties.cvcHoldTtl(), properties.cvcHoldCapacity(), clock);
	}

}
