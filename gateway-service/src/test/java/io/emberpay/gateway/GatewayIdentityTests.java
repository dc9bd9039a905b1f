package io.emberpay.gateway;

import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 1 of issue 21 at the edge: the gateway calls auth-service's internal API with
 * its own service token, and vouches for each routed request with a service token for the
 * service behind, which no client can supply.
 */
@Tag("security")
class GatewayIdentityTests extends GatewayTestSupport {

	@Test
	void aRoutedRequestCarriesTheGatewaysTokenForTheServiceBehind() throws Exception {
		ApiClient.Response response = freshUser().get("/v1/payments");

		String token = forwarded(response).path("emberpay-edge-token").asString();
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("gateway");
		assertThat(claims.getAudience()).containsExactly("payment-service");
		assertThat(claims.getStringClaim("typ")).isEqualTo("service");
	}

	@Test
	void aClientCannotSupplyTheEdgeToken() {
		String forged = TestTokens.get().service("gateway", "payment-service");
		ApiClient.Response response = freshUser().withHeader("Emberpay-Edge-Token", forged).get("/v1/payments");

		assertThat(forwarded(response).path("emberpay-edge-token").asString()).isNotEqualTo(forged);
	}

	@Test
	void merchantKeyVerificationCallsAuthServiceWithTheGatewaysToken() throws Exception {
		VERIFY_AUTHORIZATION.set(null);
		anonymous().withToken("sk_test_" + UUID.randomUUID().toString().replace("-", "")).get("/v1/payments");

		String authorization = VERIFY_AUTHORIZATION.get();
		assertThat(authorization).startsWith("Bearer ");
		JWTClaimsSet claims = SignedJWT.parse(authorization.substring(7)).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("gateway");
		assertThat(claims.getAudience()).containsExactly("auth-service");
	}

}
