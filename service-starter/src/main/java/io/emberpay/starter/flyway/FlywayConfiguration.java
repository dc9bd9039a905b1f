package io.emberpay.starter.flyway;

import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * Migrates the service's own tables ({@code db/migration}) and then the platform's
 * ({@link PlatformMigrations}), each with its own history.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass({ Flyway.class, FlywayMigrationStrategy.class })
public class FlywayConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FlywayMigrationStrategy serviceThenPlatformMigrations() {
		return (service) -> {
			PlatformMigrations platform = new PlatformMigrations(service.getConfiguration());
			platform.takeOverHistory();
			service.migrate();
			platform.migrate();
		};
	}

}
