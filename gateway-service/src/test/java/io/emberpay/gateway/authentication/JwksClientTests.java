package io.emberpay.gateway.authentication;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.emberpay.gateway.config.SecurityProperties;
import io.emberpay.testkit.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edge fetches the JWKS as in Kubernetes: over https, trusting the deployment's CA
 * through a {@code spring.ssl.bundle}; where https is required a plain-http URL stops the
 * start outside the local profile, naming the setting.
 */
class JwksClientTests {

	private static final String JWKS = "{\"keys\":[]}";

	@TempDir
	Path directory;

	private SelfSignedCertificate certificate;

	private HttpsServer server;

	@BeforeEach
	void serveJwksOverHttps() throws Exception {
		this.certificate = SelfSignedCertificate.localhost(this.directory);
		this.server = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(this.certificate.serverContext()));
		this.server.createContext("/.well-known/jwks.json", (exchange) -> {
			byte[] body = JWKS.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void fetchesTheKeysOverHttpsTrustingTheBundle() {
		SecurityProperties properties = properties(url(), true, "internal");
		String body = JwksClient.create(properties, false, bundles())
			.get()
			.uri(properties.jwksUri())
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(body).isEqualTo(JWKS);
	}

	@Test
	void withoutTheBundleTheCertificateIsNotTrusted() {
		SecurityProperties properties = properties(url(), true, "");
		assertThatThrownBy(() -> JwksClient.create(properties, false, bundles())
			.get()
			.uri(properties.jwksUri())
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10))).hasStackTraceContaining("PKIX");
	}

	@Test
	void aPlainHttpJwksUrlIsRefusedWhereHttpsIsRequired() {
		assertThatThrownBy(() -> JwksClient.create(
				properties(URI.create("http://auth-service:8081/.well-known/jwks.json"), true, ""), false, bundles()))
			.hasMessageContaining("emberpay.security.jwks-require-https is true")
			.hasMessageContaining("emberpay.security.jwks-uri must be an https URL");
		assertThatCode(() -> JwksClient
			.create(properties(URI.create("http://localhost:8081/.well-known/jwks.json"), true, ""), true, bundles()))
			.doesNotThrowAnyException();
	}

	private URI url() {
		return URI.create("https://localhost:" + this.server.getAddress().getPort() + "/.well-known/jwks.json");
	}

	private static SecurityProperties properties(URI jwks, boolean requireHttps, String bundle) {
		return new SecurityProperties("https://auth.emberpay.local", "emberpay-api", jwks, Duration.ofMinutes(5),
				Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(5), 1000,
				Duration.ofSeconds(30), 1000, Duration.ofSeconds(2), Duration.ofSeconds(5), requireHttps, bundle);
	}

	private ObjectProvider<SslBundles> bundles() {
		SslBundle trusting = SslBundle.of(new PemSslStoreBundle(null,
				PemSslStoreDetails.forCertificate("file:" + this.certificate.certificatePem())));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("sslBundles", new DefaultSslBundleRegistry("internal", trusting));
		return beans.getBeanProvider(SslBundles.class);
	}

}
