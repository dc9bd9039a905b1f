package io.emberpay.gateway.routing;

import io.netty.channel.ChannelOption;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the gateway talks to the services. The routing filter writes a request's headers
 * and its body separately; with Nagle's algorithm on, the second write waits for the
 * service's delayed ACK (about 40 ms on Linux) on every request.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamConnections {

	@Bean
	HttpClientCustomizer noDelayUpstream() {
		return client -> client.option(ChannelOption.TCP_NODELAY, true);
	}

}
