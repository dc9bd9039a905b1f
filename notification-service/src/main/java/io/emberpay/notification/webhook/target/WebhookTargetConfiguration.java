package io.emberpay.notification.webhook.target;

import io.emberpay.notification.config.WebhookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SSRF policy and the HTTP client webhooks go out through. */
@Configuration(proxyBeanMethods = false)
class WebhookTargetConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebhookTargetConfiguration.class);

	@Bean
	WebhookTargetPolicy webhookTargetPolicy(WebhookProperties properties) {
		if (!properties.insecureLocalHosts().isEmpty()) {
			log.warn(
					"INSECURE WEBHOOK TARGETS ALLOWED: plain http and loopback addresses are accepted for hosts {}. "
							+ "This is for local runs and tests only; production must leave "
							+ "emberpay.notification.webhooks.insecure-local-hosts empty.",
					properties.insecureLocalHosts());
		}
		return new WebhookTargetPolicy(properties.insecureLocalHosts(), HostResolver.SYSTEM);
	}

	@Bean(destroyMethod = "close")
	PinnedHttpClient webhookHttpClient() {
		return new PinnedHttpClient();
	}

}
