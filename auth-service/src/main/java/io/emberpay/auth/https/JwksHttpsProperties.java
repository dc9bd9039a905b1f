package io.emberpay.auth.https;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * A second, TLS port beside the plain one, so the services fetch the JWKS (the keys that
 * decide whose tokens are genuine) over https inside the cluster: {@code certificateFile}
 * and {@code keyFile} are PEM files, in Kubernetes the cert-manager secret
 * {@code auth-service-tls} issued by the platform's internal CA. On when {@code enabled};
 * port 0 picks a free one (tests).
 */
@Validated
@ConfigurationProperties("emberpay.auth.https")
public record JwksHttpsProperties(boolean enabled, @Min(0) @Max(65535) int port, String certificateFile,
		String keyFile) {

	/** Fails, naming the setting, when the port is on without its certificate or key. */
	void requireFiles() {
		if (this.certificateFile == null || this.certificateFile.isBlank()) {
			throw new IllegalStateException(
					"emberpay.auth.https.certificate-file is not set: emberpay.auth.https.enabled needs the PEM certificate");
		}
		if (this.keyFile == null || this.keyFile.isBlank()) {
			throw new IllegalStateException(
					"emberpay.auth.https.key-file is not set: emberpay.auth.https.enabled needs the PEM private key");
		}
	}

}
