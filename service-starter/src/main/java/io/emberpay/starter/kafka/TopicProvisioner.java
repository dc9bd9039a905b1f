package io.emberpay.starter.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.emberpay.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the platform's topics if they are missing; existing ones are left as they are.
 */
public final class TopicProvisioner {

	private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

	private TopicProvisioner() {
	}

	public static void provision(KafkaProperties kafka, int partitions, short replicationFactor) {
		try (Admin admin = KafkaClients.admin(kafka, Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = Topics.ALL.stream()
				.filter(topic -> !existing.contains(topic))
				.map(topic -> new NewTopic(topic, partitions, replicationFactor))
				.toList();
			if (missing.isEmpty()) {
				return;
			}
			try {
				admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
				log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
			}
			catch (ExecutionException ex) {
				// another service created them at the same moment
				log.debug("Topics created concurrently: {}", ex.getCause().getMessage());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while provisioning topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(
					"Kafka at " + kafka.bootstrapServers() + " did not answer within " + Duration.ofSeconds(30), ex);
		}
	}

}
