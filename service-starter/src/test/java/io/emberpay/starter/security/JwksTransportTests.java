package io.emberpay.starter.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.emberpay.testkit.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JWKS over https as in Kubernetes: a client trusting the deployment's CA (a
 * {@code spring.ssl.bundle}) gets the keys; one that does not, does not; and where https
 * is required a plain-http URL is refused outside the local profile.
 */
@Tag("security")
class JwksTransportTests {

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
	void aClientTrustingTheBundleFetchesTheKeysOverHttps() {
		RestTemplate client = JwksTransport.client("internal", bundles());
		assertThat(client.getForObject(url(), String.class)).isEqualTo(JWKS);
	}

	@Test
	void aClientWithoutTheBundleDoesNotTrustTheCertificate() {
		assertThatThrownBy(() -> new RestTemplate().getForObject(url(), String.class))
			.isInstanceOf(ResourceAccessException.class)
			.hasStackTraceContaining("PKIX");
	}

	@Test
	void httpIsRefusedWhereHttpsIsRequiredOutsideTheLocalProfile() {
		assertThatThrownBy(() -> JwksTransport.check("http://auth-service:8081/.well-known/jwks.json", true, false,
				"emberpay.security"))
			.hasMessageContaining("emberpay.security.jwks-require-https is true")
			.hasMessageContaining("emberpay.security.jwks-uri must be an https URL");
		assertThatCode(() -> JwksTransport.check(url(), true, false, "emberpay.security")).doesNotThrowAnyException();
		assertThatCode(() -> JwksTransport.check("http://localhost:8081/.well-known/jwks.json", true, true,
				"emberpay.security"))
			.doesNotThrowAnyException();
		assertThatCode(() -> JwksTransport.check("http://localhost:8081/.well-known/jwks.json", false, false,
				"emberpay.security"))
			.doesNotThrowAnyException();
	}

	private String url() {
		return "https://localhost:" + this.server.getAddress().getPort() + "/.well-known/jwks.json";
	}

	private org.springframework.beans.factory.ObjectProvider<SslBundles> bundles() {
		SslBundle trusting = SslBundle.of(new PemSslStoreBundle(null,
				PemSslStoreDetails.forCertificate("file:" + this.certificate.certificatePem())));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("sslBundles", new DefaultSslBundleRegistry("internal", trusting));
		return beans.getBeanProvider(SslBundles.class);
	}

}
