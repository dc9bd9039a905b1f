package io.emberpay.starter.outbox;

import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.emberpay.starter.kafka.KafkaClients;
import io.emberpay.starter.kafka.KafkaConfiguration;
import io.emberpay.starter.kafka.KafkaProperties;
import io.emberpay.starter.recovery.RecoveryProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox writer, its relay to Kafka and its backlog metrics. */
@AutoConfiguration(
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" },
		after = KafkaConfiguration.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({ OutboxProperties.class, RecoveryProperties.class })
public class OutboxConfiguration {

	/**
	 * One transactional producer per process: its id names the service and this process,
	 * so a replacement after a failure aborts the failed one's open transaction, and a
	 * crashed process's open transaction is aborted by the broker after
	 * {@code transaction.timeout.ms}, holding back read-committed consumers of its
	 * partitions at most that long.
	 */
	@Bean
	EventPublisher eventPublisher(KafkaProperties kafka, OutboxProperties properties,
			KafkaConfiguration.TopicsReady topicsReady, @Value("${spring.application.name}") String application) {
		String transactionalId = application + "-outbox-" + UUID.randomUUID();
		int sendTimeout = Math.toIntExact(properties.sendTimeout().toMillis());
		Map<String, Object> config = Map.ofEntries(Map.entry(ProducerConfig.CLIENT_ID_CONFIG, application + "-outbox"),
				Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
				Map.entry(ProducerConfig.ACKS_CONFIG, "all"), Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
				Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
				Map.entry(ProducerConfig.LINGER_MS_CONFIG, 2),
				Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeout),
				Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(10_000, sendTimeout)),
				Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout),
				Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, sendTimeout + 5_000),
				Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
		return new EventPublisher(() -> KafkaClients.producer(kafka, config));
	}

	@Bean
	OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
			EventPublisher publisher, OutboxProperties properties, RecoveryProperties recovery) {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		return new OutboxRelay(JdbcClient.create(dataSource), transactions, publisher, properties, recovery);
	}

	@Bean
	OutboxWriter outboxWriter(DataSource dataSource, OutboxRelay relay,
			@Value("${spring.application.name}") String application) {
		return new OutboxWriter(JdbcClient.create(dataSource), application, relay);
	}

	/** Backlog gauges, evaluated on each scrape rather than on a timer. */
	@Bean
	MeterBinder outboxMetrics(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		return registry -> {
			Gauge.builder("outbox.backlog",
					() -> jdbc.sql("select coalesce(sum(coalesce(cardinality(record_keys), 1)), 0) from outbox_event")
						.query(Long.class)
						.single())
				.description("Events committed but not yet acknowledged by Kafka")
				.register(registry);
			Gauge
				.builder("outbox.oldest.age",
						() -> jdbc
							.sql("select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_event")
							.query(Double.class)
							.single())
				.baseUnit("seconds")
				.description("Age of the oldest event waiting in the outbox")
				.register(registry);
		};
	}

}
