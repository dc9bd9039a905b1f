package io.emberpay.gateway.identity;

import java.time.Clock;

import io.emberpay.gateway.config.ServiceDirectory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The gateway's service tokens and the edge token on routed requests. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	@Bean
	GatewayServiceTokens gatewayServiceTokens(GatewayIdentityProperties identity) {
		return new GatewayServiceTokens(WebClient.create(), identity, Clock.systemUTC());
	}

	@Bean
	EdgeTokenFilter edgeTokenFilter(GatewayServiceTokens tokens, ServiceDirectory directory) {
		return new EdgeTokenFilter(tokens, directory);
	}

}
