package io.emberpay.fraud.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/** The bundled IP table, unless the deployment supplies its own {@link IpGeolocation}. */
@Configuration(proxyBeanMethods = false)
class GeoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IpGeolocation bundledIpRanges() {
		try (InputStream csv = new ClassPathResource("geo/ip-ranges.csv").getInputStream()) {
			return BundledIpRanges.load(csv);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
