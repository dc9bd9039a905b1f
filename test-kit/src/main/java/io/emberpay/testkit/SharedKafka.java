package io.emberpay.testkit;

import io.emberpay.events.Topics;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft mode, no ZooKeeper) per test JVM: a Testcontainers
 * container where a Docker engine runs, otherwise a broker embedded in the test JVM from
 * the Kafka jars.
 */
public final class SharedKafka {

	private static volatile String bootstrapServers;

	private SharedKafka() {
	}

	public static String bootstrapServers() {
		if (bootstrapServers == null) {
			synchronized (SharedKafka.class) {
				if (bootstrapServers == null) {
					bootstrapServers = start();
				}
			}
		}
		return bootstrapServers;
	}

	private static String start() {
		if (Engines.useContainers()) {
			KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return container.getBootstrapServers();
		}
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.ALL.toArray(String[]::new));
		broker.brokerProperty("auto.create.topics.enable", "true");
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		broker.brokerProperty("transaction.state.log.replication.factor", "1");
		broker.brokerProperty("transaction.state.log.min.isr", "1");
		broker.afterPropertiesSet();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
		return broker.getBrokersAsString();
	}

}
