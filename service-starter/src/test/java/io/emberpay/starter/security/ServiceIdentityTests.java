package io.emberpay.starter.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.emberpay.starter.internal.InternalServices;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructure;
import io.emberpay.testkit.TestTokens;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.annotation.PostExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 1 of issue 21: every {@code /internal} endpoint needs a service token meant for
 * this service from a caller on the endpoint's allow-list, checked before the handler
 * runs; client address headers count only from the gateway.
 */
@Tag("security")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(ServiceIdentityTests.InternalEndpoints.class)
class ServiceIdentityTests {

	static final AtomicInteger handled = new AtomicInteger();

	private static final TestTokens TOKENS = TestTokens.get();

	@Value("${local.server.port}")
	int port;

	@Autowired
	ServiceTokens serviceTokens;

	@Autowired
	InternalServices internalServices;

	@BeforeEach
	void resetCount() {
		handled.set(0);
	}

	private ApiClient api() {
		return new ApiClient("http://localhost:" + this.port);
	}

	@Test
	void aCallWithoutAServiceTokenIsUnauthenticatedAndReachesNoHandler() {
		ApiClient.Response response = api().post("/internal/v1/test/scores", Map.of("user", "usr_1"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("code").asString()).isEqualTo("unauthenticated");
		assertThat(handled).hasValue(0);
	}

	@Test
	void aForgedOrMalformedTokenIsUnauthenticated() {
		assertThat(api().withToken("not-a-jwt").post("/internal/v1/test/scores", Map.of()).status()).isEqualTo(401);
		String forged = TOKENS.service("payment-service", "starter-test");
		String tampered = forged.substring(0, forged.length() - 4) + "AAAA";
		assertThat(api().withToken(tampered).post("/internal/v1/test/scores", Map.of()).status()).isEqualTo(401);
		assertThat(handled).hasValue(0);
	}

	@Test
	void aServiceTokenForAnotherServiceIsUnauthenticated() {
		ApiClient.Response response = api().withToken(TOKENS.service("payment-service", "fraud-service"))
			.post("/internal/v1/test/scores", Map.of());

		assertThat(response.status()).isEqualTo(401);
		assertThat(handled).hasValue(0);
	}

	@Test
	void aServiceMissingFromTheAllowListIsForbiddenAndReachesNoHandler() {
		ApiClient.Response response = api().withToken(TOKENS.service("notification-service", "starter-test"))
			.post("/internal/v1/test/scores", Map.of());

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("code").asString()).isEqualTo("forbidden");
		assertThat(handled).hasValue(0);
	}

	@Test
	void aServiceOnTheAllowListIsServed() {
		ApiClient.Response response = api().withToken(TOKENS.service("payment-service", "starter-test"))
			.post("/internal/v1/test/scores", Map.of("user", "usr_1"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("caller")).isEqualTo("payment-service");
		assertThat(handled).hasValue(1);
	}

	@Test
	void userMerchantAndOperatorTokensAreForbiddenOnAServiceOnlyEndpoint() {
		for (String token : List.of(TOKENS.user("usr_1"), TOKENS.merchant("mer_1"), TOKENS.operator("usr_op"))) {
			assertThat(api().withToken(token).post("/internal/v1/test/scores", Map.of()).status()).isEqualTo(403);
		}
		assertThat(handled).hasValue(0);
	}

	@Test
	void anEndpointThatNamesNoCallersRefusesEveryone() {
		ApiClient.Response response = api().withToken(TOKENS.service("payment-service", "starter-test"))
			.get("/internal/v1/test/unlisted");

		assertThat(response.status()).isEqualTo(403);
		assertThat(handled).hasValue(0);
	}

	@Test
	void anOperatorEndpointTakesAnMfaOperatorButNotAnAdminWithoutOtp() {
		assertThat(api().withToken(TOKENS.operator("usr_op")).get("/internal/v1/test/report").status()).isEqualTo(200);
		String withoutOtp = TOKENS.sign("usr_op", List.of("user", "admin"), List.of("pwd"), false,
				java.time.Duration.ofMinutes(5));
		ApiClient.Response refused = api().withToken(withoutOtp).get("/internal/v1/test/report");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("code").asString()).isEqualTo("mfa_required");
		assertThat(api().withToken(TOKENS.user("usr_1")).get("/internal/v1/test/report").status()).isEqualTo(403);
		assertThat(handled).hasValue(1);
	}

	@Test
	void aServiceTokenIsNobodyOnThePublicApi() {
		ApiClient.Response response = api().withToken(TOKENS.service("gateway", "starter-test")).get("/v1/test/origin");

		assertThat(response.status()).isEqualTo(403);
		assertThat(api().withToken(TOKENS.user("usr_1")).get("/v1/test/origin").status()).isEqualTo(200);
	}

	@Test
	void clientAddressHeadersCountOnlyWhenTheGatewayVouchesForTheRequest() {
		ApiClient user = api().withToken(TOKENS.user("usr_1"))
			.withHeader("X-Client-Ip", "203.0.113.9")
			.withHeader("X-Forwarded-For", "198.51.100.4");
		assertThat(user.get("/v1/test/origin").text("client_ip")).isEqualTo("none");

		ApiClient forgedEdge = user.withHeader("Emberpay-Edge-Token",
				TOKENS.service("payment-service", "starter-test"));
		assertThat(forgedEdge.get("/v1/test/origin").text("client_ip")).isEqualTo("none");

		ApiClient otherAudience = user.withHeader("Emberpay-Edge-Token", TOKENS.service("gateway", "fraud-service"));
		assertThat(otherAudience.get("/v1/test/origin").text("client_ip")).isEqualTo("none");

		ApiClient viaGateway = user.withHeader("Emberpay-Edge-Token", TOKENS.service("gateway", "starter-test"));
		assertThat(viaGateway.get("/v1/test/origin").text("client_ip")).isEqualTo("203.0.113.9");
	}

	@Test
	void anInternalClientFetchesATokenOnceAndAttachesItToEveryCall() {
		SelfApi client = this.internalServices.client(SelfApi.class, "starter-test", "http://localhost:" + this.port,
				Duration.ofSeconds(5));

		for (int i = 0; i < 3; i++) {
			assertThat(client.self(Map.of()).get("caller")).isEqualTo("starter-test");
		}
		assertThat(this.serviceTokens.tokenFor("starter-test")).isEqualTo(this.serviceTokens.tokenFor("starter-test"));
		assertThat(handled).hasValue(3);
	}

	interface SelfApi {

		@PostExchange("/internal/v1/test/self")
		Map<String, String> self(@RequestBody Map<String, Object> body);

	}

	@TestConfiguration
	static class InternalEndpoints {

		@RestController
		static class Endpoints {

			@PostMapping("/internal/v1/test/scores")
			@InternalCallers("payment-service")
			Map<String, String> score(@RequestBody Map<String, Object> body, HttpServletRequest request) {
				handled.incrementAndGet();
				return Map.of("caller", "payment-service");
			}

			@PostMapping("/internal/v1/test/self")
			@InternalCallers("starter-test")
			Map<String, String> self(@RequestBody Map<String, Object> body) {
				handled.incrementAndGet();
				return Map.of("caller", "starter-test");
			}

			@GetMapping("/internal/v1/test/unlisted")
			Map<String, String> unlisted() {
				handled.incrementAndGet();
				return Map.of();
			}

			@GetMapping("/internal/v1/test/report")
			@InternalCallers(value = "ledger-service", operators = true)
			Map<String, String> report() {
				handled.incrementAndGet();
				return Map.of();
			}

			@GetMapping("/v1/test/origin")
			Map<String, String> origin(Caller caller, HttpServletRequest request) {
				String clientIp = request.getHeader("X-Client-Ip");
				return Map.of("client_ip", (clientIp == null) ? "none" : clientIp);
			}

		}

	}

}
