package io.emberpay.starter.inbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.emberpay.starter.kafka.KafkaClients;
import io.emberpay.starter.kafka.KafkaConfiguration;
import io.emberpay.starter.kafka.KafkaProperties;
import io.emberpay.starter.recovery.RecoveryProperties;
import io.emberpay.starter.recovery.WorkerState;
import io.emberpay.starter.recovery.WorkerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Starts one idempotent consumer per {@link EventSubscription} bean. */
@AutoConfiguration(
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" },
		after = KafkaConfiguration.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({ InboxProperties.class, RecoveryProperties.class })
public class InboxConfiguration {

	@Bean
	EventConsumers eventConsumers(ObjectProvider<EventSubscription> subscriptions, DataSource dataSource,
			PlatformTransactionManager transactionManager, KafkaProperties kafka, InboxProperties properties,
			RecoveryProperties recovery, KafkaConfiguration.TopicsReady topicsReady, MeterRegistry registry,
			ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		EventTracing tracing = new EventTracing(tracer.getIfAvailable(), propagator.getIfAvailable());
		List<EventConsumer> consumers = subscriptions.orderedStream().map(subscription -> {
			Map<String, Object> config = new HashMap<>();
			config.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.consumer());
			config.put(ConsumerConfig.CLIENT_ID_CONFIG, subscription.consumer() + "-" + ProcessHandle.current().pid());
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
			config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000);
			config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
			config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
			var consumer = KafkaClients.consumer(kafka, config);
			new KafkaClientMetrics(consumer).bindTo(registry);
			WorkerStatus status = new WorkerStatus(subscription.consumer(), recovery);
			if (properties.enabled()) {
				status.bindTo(registry, "emberpay.consumer", "consumer");
			}
			return new EventConsumer(subscription, consumer, JdbcClient.create(dataSource),
					new TransactionTemplate(transactionManager), properties, tracing, status);
		}).toList();
		return new EventConsumers(consumers, properties.enabled());
	}

	/**
	 * In the readiness group: DOWN while any consumer is stopped or failing, so a service
	 * whose events silently stopped flowing is taken out of rotation and pages.
	 */
	@Bean
	HealthIndicator consumersHealthIndicator(EventConsumers consumers) {
		return () -> {
			Health.Builder health = Health.up();
			for (WorkerStatus status : consumers.statuses()) {
				WorkerState state = status.state();
				if (state.needsAPerson()) {
					health.down();
				}
				health.withDetail(status.name(), Map.of("state", state.tag(), "lag", status.lag(), "parked",
						status.parkedTotal(), "lastError", String.valueOf(status.lastError())));
			}
			return health.build();
		};
	}

	/** Starts and stops all consumers with the application context. */
	static final class EventConsumers implements SmartLifecycle {

		private final List<EventConsumer> consumers;

		private final boolean enabled;

		private volatile boolean running;

		EventConsumers(List<EventConsumer> consumers, boolean enabled) {
			this.consumers = consumers;
			this.enabled = enabled;
		}

		/** The consumers that run; none when consuming is turned off. */
		List<WorkerStatus> statuses() {
			return this.enabled ? this.consumers.stream().map(EventConsumer::status).toList() : List.of();
		}

		@Override
		public void start() {
			if (this.enabled) {
				this.consumers.forEach(EventConsumer::start);
			}
			this.running = true;
		}

		@Override
		public void stop() {
			this.consumers.forEach(EventConsumer::stop);
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

}
