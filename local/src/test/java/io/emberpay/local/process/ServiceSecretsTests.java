package io.emberpay.local.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local launcher gives every service a client secret on the first start, with no
 * manual step, keeps it across starts, and never puts it on a command line.
 */
@Tag("security")
class ServiceSecretsTests {

	@TempDir
	Path run;

	private final PlatformTopology topology = PlatformTopology.standard();

	@Test
	void theFirstStartGeneratesOneOwnerOnlySecretPerServiceThatAuthServiceAlsoReads() throws Exception {
		List<String> payment = ServiceSecrets.arguments(this.run, this.topology, this.topology.service("payment"));

		Path own = this.run.resolve("secrets/payment/EMBERPAY_SERVICE_CLIENT_SECRET");
		Path atAuth = this.run.resolve("secrets/service-clients/emberpay.auth.service-clients.secrets.payment-service");
		assertThat(Files.readString(own)).hasSizeGreaterThanOrEqualTo(43).isEqualTo(Files.readString(atAuth));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rw-------");
		assertThat(Files.readString(this.run.resolve("secrets/gateway/EMBERPAY_SERVICE_CLIENT_SECRET")))
			.isEqualTo(Files
				.readString(this.run.resolve("secrets/service-clients/emberpay.auth.service-clients.secrets.gateway")))
			.isNotEqualTo(Files.readString(own));
		assertThat(payment).contains(
				"--spring.config.import=optional:configtree:" + this.run.resolve("secrets/payment") + "/",
				"--emberpay.service-identity.token-uri=http://localhost:8081/internal/v1/service_tokens");
		assertThat(String.join(" ", payment)).doesNotContain(Files.readString(own));
	}

	@Test
	void laterStartsKeepTheSecretsAndAuthServiceReadsEveryService() throws Exception {
		ServiceSecrets.arguments(this.run, this.topology, this.topology.service("fraud"));
		String first = Files.readString(this.run.resolve("secrets/fraud/EMBERPAY_SERVICE_CLIENT_SECRET"));

		List<String> auth = ServiceSecrets.arguments(this.run, this.topology, this.topology.service("auth"));

		assertThat(Files.readString(this.run.resolve("secrets/fraud/EMBERPAY_SERVICE_CLIENT_SECRET"))).isEqualTo(first);
		assertThat(auth.get(0)).contains("secrets/auth/", "secrets/service-clients/");
		assertThat(ServiceSecrets.arguments(this.run, this.topology, this.topology.service("psp-simulator"))).isEmpty();
	}

}
