package io.emberpay.payment.auth;

import io.emberpay.starter.internal.InternalServices;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuthServiceClientConfiguration {

	@Bean
	AuthServiceApi authServiceApi(InternalServices services, AuthServiceProperties properties) {
		return services.client(AuthServiceApi.class, "auth-service", properties.url(), properties.timeout());
	}

}
