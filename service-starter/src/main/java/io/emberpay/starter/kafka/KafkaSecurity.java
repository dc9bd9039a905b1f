package io.emberpay.starter.kafka;

/**
 * Refuses Kafka settings a deployment must not run with, naming the setting: a SASL
 * protocol without its user, and, where {@code emberpay.kafka.require-secure} says the
 * deployment needs it, anything but TLS with a SASL user outside the {@code local}
 * profile.
 */
final class KafkaSecurity {

	private KafkaSecurity() {
	}

	static void check(KafkaProperties kafka, boolean localProfile) {
		if (kafka.authenticated()) {
			if (blank(kafka.sasl().username())) {
				throw new IllegalStateException(
						"emberpay.kafka.sasl.username is not set: emberpay.kafka.security-protocol "
								+ kafka.securityProtocol() + " needs the service's Kafka user");
			}
			if (blank(kafka.sasl().password())) {
				throw new IllegalStateException(
						"emberpay.kafka.sasl.password is not set: emberpay.kafka.security-protocol "
								+ kafka.securityProtocol() + " needs the Kafka user's password (its KafkaUser secret)");
			}
		}
		if (kafka.requireSecure() && !localProfile && !"SASL_SSL".equals(kafka.securityProtocol())) {
			throw new IllegalStateException(
					"emberpay.kafka.require-secure is true, so emberpay.kafka.security-protocol "
							+ "must be SASL_SSL outside the 'local' profile, not " + kafka.securityProtocol()
							+ ": set it with emberpay.kafka.ssl.trust-store-location and emberpay.kafka.sasl.*");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
