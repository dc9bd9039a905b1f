package io.emberpay.starter.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Kafka connection settings and topic provisioning for local runs and tests. */
@AutoConfiguration
@EnableConfigurationProperties(KafkaProperties.class)
public class KafkaConfiguration {

	@Bean
	TopicsReady topicsReady(KafkaProperties properties) {
		if (properties.provisionTopics()) {
			TopicProvisioner.provision(properties.bootstrapServers(), properties.partitions(),
					properties.replicationFactor());
		}
		return new TopicsReady();
	}

	/**
	 * Marker other Kafka beans depend on, so topics exist before anyone produces or
	 * consumes.
	 */
	public static final class TopicsReady {

	}

}
