package io.emberpay.testkit;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Supplies connection settings for the shared engines; see {@link RealInfrastructure}.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String database = environment.getProperty("emberpay.test.database",
				environment.getProperty("spring.application.name", "app").replace("-service", "").replace('-', '_'));
		SharedPostgres postgres = SharedPostgres.get();
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", postgres.jdbcUrl(database));
		properties.put("spring.datasource.username", postgres.username());
		properties.put("spring.datasource.password", postgres.password());
		properties.put("emberpay.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
		properties.put("emberpay.security.jwks-uri",
				environment.getProperty("emberpay.test.jwks-uri", TestTokens.get().jwksUri()));
		properties.put("emberpay.security.issuer", TestTokens.ISSUER);
		properties.put("emberpay.security.audience", TestTokens.AUDIENCE);
		properties.put("emberpay.service-identity.token-uri",
				environment.getProperty("emberpay.test.service-token-uri", TestTokens.get().serviceTokenUri()));
		properties.put("emberpay.service-identity.client-secret",
				environment.getProperty("emberpay.test.client-secret", TestTokens.get().clientSecret()));
		environment.getPropertySources().addFirst(new MapPropertySource("emberpayTestInfrastructure", properties));
	}

}
