package io.emberpay.auth.privacy;

import java.time.Duration;

import io.emberpay.auth.servicetoken.ServiceClientProperties;
import io.emberpay.auth.token.AccessTokens;
import io.emberpay.starter.internal.InternalServices;
import io.emberpay.starter.security.ServiceIdentityProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The client the export collects the other services' parts with. Its service tokens are
 * signed here, in-process: asking auth-service's own token endpoint over the network
 * would need a network path (and a NetworkPolicy) from auth-service to itself.
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

	@Bean
	InternalServices internalServices(RestClient.Builder builder, AccessTokens tokens,
			ServiceIdentityProperties identity, ServiceClientProperties clients) {
		return new InternalServices(builder,
				audience -> "Bearer " + tokens.forService(identity.name(), audience, clients.tokenTtl()),
				Duration.ofSeconds(1));
	}

}
