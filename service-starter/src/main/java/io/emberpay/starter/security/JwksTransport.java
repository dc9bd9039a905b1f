package io.emberpay.starter.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * How a service fetches auth-service's signing keys: the JWKS decides whose tokens are
 * genuine, so where a deployment demands it ({@code jwks-require-https}) it must come
 * over https, checked against the deployment's CA ({@code jwks-ssl-bundle}).
 */
public final class JwksTransport {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private JwksTransport() {
	}

	/**
	 * Fails, naming the settings, when https is required outside the {@code local}
	 * profile and the JWKS URL is anything else.
	 */
	public static void check(String jwksUri, boolean requireHttps, boolean localProfile, String prefix) {
		if (requireHttps && !localProfile && !"https".equalsIgnoreCase(URI.create(jwksUri).getScheme())) {
			throw new IllegalStateException(prefix + ".jwks-require-https is true, so " + prefix
					+ ".jwks-uri must be an https URL outside the 'local' profile, not " + jwksUri);
		}
	}

	/** The TLS context trusting the named SSL bundle. */
	public static SSLContext sslContext(String sslBundle, ObjectProvider<SslBundles> bundles) {
		SslBundles available = bundles.getIfAvailable();
		if (available == null) {
			throw new IllegalStateException("emberpay.security.jwks-ssl-bundle names '" + sslBundle
					+ "' but no spring.ssl.bundle is configured");
		}
		return available.getBundle(sslBundle).createSslContext();
	}

	/** A client trusting the named SSL bundle. */
	static RestTemplate client(String sslBundle, ObjectProvider<SslBundles> bundles) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(TIMEOUT)
			.sslContext(sslContext(sslBundle, bundles))
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(TIMEOUT);
		return new RestTemplate(requests);
	}

}
