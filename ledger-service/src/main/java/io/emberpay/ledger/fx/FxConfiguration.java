package io.emberpay.ledger.fx;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The bundled rate table, unless the application provides its own {@link RateSource}. */
@Configuration(proxyBeanMethods = false)
class FxConfiguration {

	@Bean
	@ConditionalOnMissingBean(RateSource.class)
	BundledRates bundledRates(FxProperties properties, ResourceLoader resources) {
		return new BundledRates(resources.getResource(properties.rates()));
	}

}
