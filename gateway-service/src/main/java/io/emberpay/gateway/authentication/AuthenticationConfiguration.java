package io.emberpay.gateway.authentication;

import java.time.Clock;

import io.emberpay.gateway.config.SecurityProperties;
import io.emberpay.gateway.config.ServiceDirectory;
import io.emberpay.gateway.identity.GatewayServiceTokens;
import reactor.core.Disposable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires the edge's credential checks against auth-service. */
@Configuration(proxyBeanMethods = false)
class AuthenticationConfiguration {

	private static final String AUTH_SERVICE = "auth-service";

	@Bean
	SigningKeys signingKeys(SecurityProperties properties, Environment environment,
			ObjectProvider<SslBundles> sslBundles) {
		return new SigningKeys(JwksClient.create(properties, environment.matchesProfiles("local"), sslBundles),
				properties, Clock.systemUTC());
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> signingKeysPrefetch(SigningKeys keys) {
		return event -> keys.prefetch();
	}

	@Bean
	RevokedSessions revokedSessions(ServiceDirectory services, SecurityProperties properties,
			GatewayServiceTokens tokens) {
		return new RevokedSessions(authClient(services, tokens), properties.revocationPollInterval(),
				properties.verifyTimeout(), Clock.systemUTC());
	}

	@Bean
	RevokedSessionsPolling revokedSessionsPolling(RevokedSessions sessions) {
		return new RevokedSessionsPolling(sessions);
	}

	@Bean
	UserTokens userTokens(SigningKeys keys, RevokedSessions revokedSessions, SecurityProperties properties) {
		return new UserTokens(keys, revokedSessions, properties, Clock.systemUTC());
	}

	@Bean
	MerchantKeys merchantKeys(ServiceDirectory services, SecurityProperties properties, GatewayServiceTokens tokens) {
		return new MerchantKeys(authClient(services, tokens), properties);
	}

	/** auth-service's internal API, called with the gateway's service token. */
	private static WebClient authClient(ServiceDirectory services, GatewayServiceTokens tokens) {
		return WebClient.builder().baseUrl(authUrl(services)).filter(tokens.bearerFor(AUTH_SERVICE)).build();
	}

	private static String authUrl(ServiceDirectory services) {
		var auth = services.services().get("auth");
		if (auth == null) {
			throw new IllegalStateException("emberpay.services.auth.url is required to verify credentials");
		}
		return auth.url().toString();
	}

	/** Polls the revoked-session feed while the gateway runs. */
	static final class RevokedSessionsPolling implements SmartLifecycle {

		private final RevokedSessions sessions;

		private volatile Disposable polling;

		RevokedSessionsPolling(RevokedSessions sessions) {
			this.sessions = sessions;
		}

		@Override
		public void start() {
			this.polling = this.sessions.start();
		}

		@Override
		public void stop() {
			Disposable running = this.polling;
			if (running != null) {
				running.dispose();
			}
			this.polling = null;
		}

		@Override
		public boolean isRunning() {
			return this.polling != null;
		}

	}

	@Bean
	TeamRoles teamRoles() {
		return new TeamRoles();
	}

	@Bean
	EdgeAuthenticationFilter edgeAuthenticationFilter(UserTokens userTokens, MerchantKeys merchantKeys) {
		return new EdgeAuthenticationFilter(userTokens, merchantKeys);
	}

}
