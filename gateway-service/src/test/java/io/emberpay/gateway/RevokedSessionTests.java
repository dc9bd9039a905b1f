package io.emberpay.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.JWTClaimsSet;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session auth-service ended (logout, password change) stops passing the edge within
 * the poll interval of the revoked-session feed, though its access token has not expired;
 * other sessions pass on.
 */
@Tag("security")
class RevokedSessionTests extends GatewayTestSupport {

	private static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();

	static {
		AUTH.answer("/internal/v1/sessions/revoked",
				exchange -> StubService.Answer
					.json(200,
							JSON.writeValueAsString(Map.of("data", REVOKED.stream()
								.map(session -> Map.of("session", session, "revoked_at", Instant.now().toString()))
								.toList()))));
	}

	@Test
	void aRevokedSessionsTokenIsRefusedWithinThePollInterval() {
		String endedSession = "ses_" + UUID.randomUUID();
		ApiClient loggedOut = anonymous().withToken(token(endedSession));
		ApiClient stillIn = anonymous().withToken(token("ses_" + UUID.randomUUID()));
		assertThat(loggedOut.get("/v1/payments").status()).as("verified and cached before the logout").isEqualTo(200);

		REVOKED.add(endedSession);
		// slow polling: each try spends the principal's rate limit, whose 429 would hide
		// the 401
		await().atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(400)).untilAsserted(() -> {
			ApiClient.Response refused = loggedOut.get("/v1/payments");
			assertThat(refused.status()).isEqualTo(401);
		});

		assertThat(stillIn.get("/v1/payments").status()).isEqualTo(200);
	}

	@Test
	void aTeamMembersMerchantTokenStopsWithTheirSessionOrTheirGrant() {
		String session = "ses_" + UUID.randomUUID();
		String grant = "mgr_" + UUID.randomUUID();
		ApiClient bySession = anonymous()
			.withToken(TeamRoleTests.memberToken("admin", session, "mgr_" + UUID.randomUUID()));
		ApiClient byGrant = anonymous()
			.withToken(TeamRoleTests.memberToken("admin", "ses_" + UUID.randomUUID(), grant));
		assertThat(bySession.get("/v1/balance").status()).isEqualTo(200);
		assertThat(byGrant.get("/v1/balance").status()).isEqualTo(200);

		REVOKED.add(session);
		REVOKED.add(grant);
		await().atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(400)).untilAsserted(() -> {
			assertThat(bySession.get("/v1/balance").status()).isEqualTo(401);
			assertThat(byGrant.get("/v1/balance").status()).isEqualTo(401);
		});
	}

	private static String token(String session) {
		Instant now = Instant.now();
		return TestTokens.get()
			.sign(new JWTClaimsSet.Builder().subject("usr_" + UUID.randomUUID().toString().replace("-", ""))
				.issuer(TestTokens.ISSUER)
				.audience(TestTokens.AUDIENCE)
				.issueTime(Date.from(now))
				.notBeforeTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
				.jwtID(UUID.randomUUID().toString())
				.claim("roles", List.of("user"))
				.claim("amr", List.of("pwd"))
				.claim("sid", session)
				.build());
	}

}
