package io.emberpay.starter.privacy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The personal-data endpoint, for a service that holds personal data and says what of it
 * with a {@link PersonalDataSource} bean; one endpoint for every such service, so its
 * path, allow-list and shape cannot drift apart between them.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PersonalDataConfiguration {

	@Bean
	@ConditionalOnBean(PersonalDataSource.class)
	PersonalDataController personalDataController(PersonalDataSource source) {
		return new PersonalDataController(source);
	}

}
