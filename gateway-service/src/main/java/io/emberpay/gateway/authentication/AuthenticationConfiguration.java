package io.emberpay.gateway.authentication;

import java.time.Clock;

import io.emberpay.gateway.config.SecurityProperties;
import io.emberpay.gateway.config.ServiceDirectory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires the edge's credential checks against auth-service. */
@Configuration(proxyBeanMethods = false)
class AuthenticationConfiguration {

	@Bean
	SigningKeys signingKeys(SecurityProperties properties) {
		return new SigningKeys(WebClient.create(), properties, Clock.systemUTC());
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> signingKeysPrefetch(SigningKeys keys) {
		return event -> keys.prefetch();
	}

	@Bean
	UserTokens userTokens(SigningKeys keys, SecurityProperties properties) {
		return new UserTokens(keys, properties, Clock.systemUTC());
	}

	@Bean
	MerchantKeys merchantKeys(ServiceDirectory services, SecurityProperties properties) {
		var auth = services.services().get("auth");
		if (auth == null) {
			throw new IllegalStateException("emberpay.services.auth.url is required to verify merchant keys");
		}
		return new MerchantKeys(WebClient.create(auth.url().toString()), properties);
	}

	@Bean
	EdgeAuthenticationFilter edgeAuthenticationFilter(UserTokens userTokens, MerchantKeys merchantKeys) {
		return new EdgeAuthenticationFilter(userTokens, merchantKeys);
	}

}
