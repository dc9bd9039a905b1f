package io.emberpay.auth.https;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the https port of {@link JwksHttpsProperties} when
 * {@code emberpay.auth.https.enabled} is true. It serves the same application as the
 * plain port (the NetworkPolicies decide who reaches which); the services' JWKS URL
 * points at it in Kubernetes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "emberpay.auth.https.enabled", havingValue = "true")
class JwksHttpsConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jwksHttpsConnector(JwksHttpsProperties https) {
		return (factory) -> factory.addAdditionalConnectors(connector(https));
	}

	static Connector connector(JwksHttpsProperties https) {
		https.requireFiles();
		Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
		connector.setPort(https.port());
		connector.setScheme("https");
		connector.setSecure(true);
		connector.setProperty("SSLEnabled", "true");
		SSLHostConfig tls = new SSLHostConfig();
		tls.setProtocols("TLSv1.2+TLSv1.3");
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(tls,
				SSLHostConfigCertificate.Type.UNDEFINED);
		certificate.setCertificateFile(https.certificateFile());
		certificate.setCertificateKeyFile(https.keyFile());
		tls.addCertificate(certificate);
		connector.addSslHostConfig(tls);
		return connector;
	}

}
