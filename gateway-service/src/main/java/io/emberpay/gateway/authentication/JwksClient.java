package io.emberpay.gateway.authentication;

import java.net.http.HttpClient;
import java.time.Duration;

import io.emberpay.gateway.config.SecurityProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The client the edge fetches auth-service's JWKS with. The keys decide whose tokens are
 * genuine, so where the deployment demands it ({@code jwks-require-https}) the URL must
 * be https outside the {@code local} profile, and the certificate is checked against the
 * bundle {@code jwks-ssl-bundle} names (the cluster's internal CA).
 */
final class JwksClient {

	private JwksClient() {
	}

	static WebClient create(SecurityProperties properties, boolean localProfile, ObjectProvider<SslBundles> bundles) {
		check(properties, localProfile);
		String bundle = properties.jwksSslBundle();
		if (bundle == null || bundle.isBlank()) {
			return WebClient.create();
		}
		SslBundles available = bundles.getIfAvailable();
		if (available == null) {
			throw new IllegalStateException(
					"emberpay.security.jwks-ssl-bundle names '" + bundle + "' but no spring.ssl.bundle is configured");
		}
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.sslContext(available.getBundle(bundle).createSslContext())
			.build();
		return WebClient.builder().clientConnector(new JdkClientHttpConnector(http)).build();
	}

	static void check(SecurityProperties properties, boolean localProfile) {
		if (properties.jwksRequireHttps() && !localProfile
				&& !"https".equalsIgnoreCase(properties.jwksUri().getScheme())) {
			throw new IllegalStateException(
					"emberpay.security.jwks-require-https is true, so emberpay.security.jwks-uri "
							+ "must be an https URL outside the 'local' profile, not " + properties.jwksUri());
		}
	}

}
