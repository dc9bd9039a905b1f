package io.emberpay.starter.privacy;

import java.util.List;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructure;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's part of a user's personal-data export: whatever its
 * {@link PersonalDataSource} says, to auth-service alone; no endpoint for a service that
 * holds no personal data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(PersonalDataEndpointTests.Source.class)
class PersonalDataEndpointTests {

	private static final TestTokens TOKENS = TestTokens.get();

	@Value("${local.server.port}")
	int port;

	@Test
	void authServiceReadsTheServicesPartOfAUser() {
		ApiClient.Response response = api().withToken(TOKENS.service("auth-service", "starter-test"))
			.get("/internal/v1/users/usr_1/personal_data");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.text("user")).isEqualTo("usr_1");
		assertThat(response.json().get("applied_events").size()).isZero();
	}

	@Test
	void noOtherCallerMayReadAUsersPersonalData() {
		String path = "/internal/v1/users/usr_1/personal_data";
		assertThat(api().withToken(TOKENS.service("payment-service", "starter-test")).get(path).status())
			.isEqualTo(403);
		assertThat(api().withToken(TOKENS.user("usr_1")).get(path).status()).isEqualTo(403);
		assertThat(api().get(path).status()).isEqualTo(401);
	}

	@Test
	void aServiceWithoutPersonalDataOffersNoEndpoint() {
		WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PersonalDataConfiguration.class));

		runner.run(context -> assertThat(context).doesNotHaveBean(PersonalDataController.class));
		runner.withUserConfiguration(Source.class)
			.run(context -> assertThat(context).hasSingleBean(PersonalDataController.class));
	}

	private ApiClient api() {
		return new ApiClient("http://localhost:" + this.port);
	}

	@TestConfiguration
	static class Source {

		@Bean
		PersonalDataSource testPersonalData() {
			return user -> Map.of("user", user, "applied_events", List.of());
		}

	}

}
