package io.emberpay.starter.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Kafka connection settings and topic provisioning for local runs and tests. */
@AutoConfiguration
@EnableConfigurationProperties(KafkaProperties.class)
public class KafkaConfiguration {

	@Bean
	TopicsReady topicsReady(KafkaProperties properties, Environment environment) {
		KafkaSecurity.check(properties, environment.matchesProfiles("local"));
		if (properties.provisionTopics()) {
			TopicProvisioner.provision(properties, properties.partitions(), properties.replicationFactor());
		}
		return new TopicsReady();
	}

	/**
	 * Marker other Kafka beans depend on, so topics exist (and the security settings were
	 * checked) before anyone produces or consumes.
	 */
	public static final class TopicsReady {

	}

}
