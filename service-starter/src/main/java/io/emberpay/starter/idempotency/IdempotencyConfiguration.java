package io.emberpay.starter.idempotency;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Idempotency-Keys for a service that turns them on
 * ({@code emberpay.idempotency.enabled}); the service's own migrations create the
 * {@code idempotency_key} table. The filter is registered as a plain filter bean, so it
 * runs after Spring Security and sees the caller.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "emberpay.idempotency.enabled", havingValue = "true")
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {

	@Bean
	IdempotencyStore idempotencyStore(DataSource dataSource, IdempotencyProperties properties) {
		return new IdempotencyStore(JdbcClient.create(dataSource), properties);
	}

	@Bean
	IdempotencyFilter idempotencyFilter(IdempotencyStore store, IdempotencyProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		return new IdempotencyFilter(store, properties, problems);
	}

	@Bean
	IdempotencyKeyPurge idempotencyKeyPurge(IdempotencyStore store, IdempotencyProperties properties) {
		return new IdempotencyKeyPurge(store, properties);
	}

}
