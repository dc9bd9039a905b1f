package io.emberpay.starter.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The only place the starter creates Kafka clients, so the connection and security
 * settings of {@link KafkaProperties} reach every producer, consumer and admin client
 * (StarterArchitectureTests keeps it that way).
 */
public final class KafkaClients {

	private KafkaClients() {
	}

	public static KafkaProducer<String, String> producer(KafkaProperties kafka, Map<String, Object> settings) {
		return new KafkaProducer<>(merged(kafka, settings), new StringSerializer(), new StringSerializer());
	}

	public static KafkaConsumer<String, String> consumer(KafkaProperties kafka, Map<String, Object> settings) {
		return new KafkaConsumer<>(merged(kafka, settings), new StringDeserializer(), new StringDeserializer());
	}

	public static Admin admin(KafkaProperties kafka, Map<String, Object> settings) {
		return Admin.create(merged(kafka, settings));
	}

	/** Where the cluster is and how to connect to it securely; any client's base. */
	public static Map<String, Object> connection(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, kafka.securityProtocol());
		if (kafka.encrypted()) {
			String trustStore = kafka.ssl().trustStoreLocation();
			if (trustStore != null && !trustStore.isBlank()) {
				config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, kafka.ssl().trustStoreType());
				config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore);
			}
			// the broker's name must match its certificate (the client's default, stated)
			config.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
		}
		if (kafka.authenticated()) {
			KafkaProperties.Sasl sasl = kafka.sasl();
			config.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism());
			config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(sasl));
		}
		return config;
	}

	private static Map<String, Object> merged(KafkaProperties kafka, Map<String, Object> settings) {
		Map<String, Object> config = new HashMap<>(settings);
		// connection and security always come from the properties, never from a caller
		config.putAll(connection(kafka));
		return config;
	}

	private static String jaas(KafkaProperties.Sasl sasl) {
		String module = sasl.mechanism().startsWith("SCRAM-")
				? "org.apache.kafka.common.security.scram.ScramLoginModule"
				: "org.apache.kafka.common.security.plain.PlainLoginModule";
		return module + " required username=\"" + quoted(sasl.username()) + "\" password=\"" + quoted(sasl.password())
				+ "\";";
	}

	private static String quoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
