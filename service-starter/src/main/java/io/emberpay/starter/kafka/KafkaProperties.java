package io.emberpay.starter.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka cluster a service talks to, and how it proves who it is there.
 * {@code provisionTopics} creates the platform's topics at start-up where nothing else
 * manages them (local runs, tests); in Kubernetes Strimzi does it.
 * <p>
 * {@code securityProtocol} ({@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT},
 * {@code SASL_SSL}) with {@code ssl} (the CA the brokers' certificates chain to, PEM by
 * default) and {@code sasl} (SCRAM-SHA-512 by default, the user's name and password)
 * reach every client the starter creates (see {@link KafkaClients}): the outbox relay's
 * producer, the inbox consumers and the topic provisioner's admin client.
 * {@code requireSecure} makes a start with a protocol other than {@code SASL_SSL} or
 * {@code SSL} fail outside the {@code local} profile (production sets it).
 */
@Validated
@ConfigurationProperties("emberpay.kafka")
public record KafkaProperties(@NotBlank String bootstrapServers, Boolean provisionTopics, @Min(1) int partitions,
		@Min(1) short replicationFactor, String securityProtocol, Ssl ssl, Sasl sasl, boolean requireSecure) {

	public KafkaProperties {
		if (provisionTopics == null) {
			provisionTopics = true;
		}
		if (bootstrapServers == null) {
			bootstrapServers = "localhost:9092";
		}
		if (partitions == 0) {
			partitions = 6;
		}
		if (replicationFactor == 0) {
			replicationFactor = 1;
		}
		if (securityProtocol == null || securityProtocol.isBlank()) {
			securityProtocol = "PLAINTEXT";
		}
		securityProtocol = securityProtocol.strip().toUpperCase(java.util.Locale.ROOT);
		if (ssl == null) {
			ssl = new Ssl(null, null);
		}
		if (sasl == null) {
			sasl = new Sasl(null, null, null);
		}
	}

	/** The same cluster with other credentials (tests, tools). */
	public KafkaProperties withSasl(Sasl other) {
		return new KafkaProperties(this.bootstrapServers, this.provisionTopics, this.partitions, this.replicationFactor,
				this.securityProtocol, this.ssl, other, this.requireSecure);
	}

	/** Whether the connection is encrypted with TLS. */
	public boolean encrypted() {
		return "SSL".equals(this.securityProtocol) || "SASL_SSL".equals(this.securityProtocol);
	}

	/** Whether the client authenticates with SASL. */
	public boolean authenticated() {
		return this.securityProtocol.startsWith("SASL_");
	}

	/**
	 * How the client checks the brokers' certificates: {@code trustStoreLocation} is a
	 * file (a PEM bundle of CA certificates by default, as Strimzi's and cert-manager's
	 * secrets hold them); empty means the JVM's default trust store.
	 */
	public record Ssl(String trustStoreLocation, String trustStoreType) {

		public Ssl {
			if (trustStoreType == null || trustStoreType.isBlank()) {
				trustStoreType = "PEM";
			}
		}

	}

	/** The SASL user: Strimzi's {@code KafkaUser} with {@code scram-sha-512}. */
	public record Sasl(String mechanism, String username, String password) {

		public Sasl {
			if (mechanism == null || mechanism.isBlank()) {
				mechanism = "SCRAM-SHA-512";
			}
		}

		@Override
		public String toString() {
			return "Sasl[mechanism=" + this.mechanism + ", username=" + this.username + "]";
		}

	}

}
