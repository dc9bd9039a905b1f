package io.emberpay.auth.https;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.emberpay.auth.AuthServiceTest;
import io.emberpay.testkit.SelfSignedCertificate;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code emberpay.auth.https.*} set, auth-service also serves its JWKS over https
 * with the configured PEM certificate (cert-manager's in Kubernetes), so the services
 * fetch the keys that decide whose tokens are genuine over an authenticated channel.
 */
@AuthServiceTest
@Tag("security")
class JwksHttpsTests {

	private static SelfSignedCertificate certificate;

	@Autowired
	WebServerApplicationContext context;

	@DynamicPropertySource
	static void https(DynamicPropertyRegistry registry) throws Exception {
		certificate = SelfSignedCertificate.localhost(Files.createTempDirectory("auth-https"));
		registry.add("emberpay.auth.https.enabled", () -> true);
		registry.add("emberpay.auth.https.port", () -> 0);
		registry.add("emberpay.auth.https.certificate-file", () -> certificate.certificatePem().toString());
		registry.add("emberpay.auth.https.key-file", () -> certificate.privateKeyPem().toString());
	}

	@Test
	void servesTheJwksOverHttpsWithTheConfiguredCertificate() throws Exception {
		HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate.certificatePem())).build();
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort() + "/.well-known/jwks.json"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"keys\"").contains("\"kid\"");
	}

	private int httpsPort() {
		Connector[] connectors = ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getService()
			.findConnectors();
		return Arrays.stream(connectors).filter(Connector::getSecure).findFirst().orElseThrow().getLocalPort();
	}

	private static SSLContext trusting(Path pem) throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		try (var in = Files.newInputStream(pem)) {
			trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		return context;
	}

}
