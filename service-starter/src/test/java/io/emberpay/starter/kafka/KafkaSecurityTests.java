package io.emberpay.starter.kafka;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("security")
class KafkaSecurityTests {

	@Test
	void requiredSecurityRefusesPlaintextAndTlsWithoutAUserOutsideTheLocalProfile() {
		assertThatThrownBy(() -> KafkaSecurity.check(kafka("PLAINTEXT", null, true), false))
			.hasMessageContaining("emberpay.kafka.require-secure")
			.hasMessageContaining("emberpay.kafka.security-protocol must be SASL_SSL");
		assertThatThrownBy(() -> KafkaSecurity.check(kafka("SSL", null, true), false)).hasMessageContaining("not SSL");
		assertThatThrownBy(() -> KafkaSecurity.check(kafka("SASL_PLAINTEXT", "pw", true), false))
			.hasMessageContaining("not SASL_PLAINTEXT");
	}

	@Test
	void requiredSecurityAcceptsSaslSslAndLeavesTheLocalProfileAlone() {
		assertThatCode(() -> KafkaSecurity.check(kafka("SASL_SSL", "pw", true), false)).doesNotThrowAnyException();
		assertThatCode(() -> KafkaSecurity.check(kafka("PLAINTEXT", null, true), true)).doesNotThrowAnyException();
		assertThatCode(() -> KafkaSecurity.check(kafka("PLAINTEXT", null, false), false)).doesNotThrowAnyException();
	}

	@Test
	void aSaslProtocolWithoutItsPasswordFailsNamingTheSetting() {
		assertThatThrownBy(() -> KafkaSecurity.check(kafka("SASL_SSL", "", false), false))
			.hasMessageContaining("emberpay.kafka.sasl.password is not set");
	}

	@Test
	void everyClientGetsTheTrustStoreAndTheScramLogin() {
		var settings = KafkaClients.connection(kafka("sasl_ssl", "p\"w", true));
		org.assertj.core.api.Assertions.assertThat(settings)
			.containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("ssl.truststore.type", "PEM")
			.containsEntry("ssl.truststore.location", "/etc/emberpay/internal-ca/ca.crt")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
					+ "username=\"payment-service\" password=\"p\\\"w\";");
		org.assertj.core.api.Assertions.assertThat(KafkaClients.connection(kafka("PLAINTEXT", null, false)))
			.doesNotContainKeys("sasl.jaas.config", "ssl.truststore.location");
	}

	private static KafkaProperties kafka(String protocol, String password, boolean requireSecure) {
		return new KafkaProperties("kafka:9093", false, 1, (short) 1, protocol,
				new KafkaProperties.Ssl("/etc/emberpay/internal-ca/ca.crt", null),
				new KafkaProperties.Sasl(null, "payment-service", password), requireSecure);
	}

}
