package io.emberpay.starter.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka cluster a service talks to. {@code provisionTopics} creates the platform's
 * topics at start-up where nothing else manages them (local runs, tests); in Kubernetes
 * Strimzi does it.
 */
@Validated
@ConfigurationProperties("emberpay.kafka")
public record KafkaProperties(@NotBlank String bootstrapServers, Boolean provisionTopics, @Min(1) int partitions,
		@Min(1) short replicationFactor) {

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
	}

}
