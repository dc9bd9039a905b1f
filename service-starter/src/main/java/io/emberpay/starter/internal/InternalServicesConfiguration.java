package io.emberpay.starter.internal;

import java.time.Duration;

import io.emberpay.starter.security.ServiceTokens;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** The factory of typed internal clients, for services that call other services. */
@AutoConfiguration(afterName = { "io.emberpay.starter.security.SecurityConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration" })
public class InternalServicesConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ServiceTokens.class)
	InternalServices internalServices(RestClient.Builder builder, ServiceTokens tokens) {
		return new InternalServices(builder, tokens, Duration.ofSeconds(1));
	}

}
