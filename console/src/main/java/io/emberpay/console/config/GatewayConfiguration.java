package io.emberpay.console.config;

import io.emberpay.console.gateway.GatewayApi;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The one client every page uses to reach the public API. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	@Bean
	GatewayApi gatewayApi(RestClient.Builder builder, ConsoleProperties properties) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withConnectTimeout(properties.connectTimeout())
			.withReadTimeout(properties.readTimeout());
		RestClient client = builder.baseUrl(properties.gatewayUrl().toString())
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
			.build();
		return new GatewayApi(client);
	}

}
