package io.emberpay.starter;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.emberpay.events.EventCodec;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructureInitializer;
import io.emberpay.testkit.SharedKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer never stops quietly: it waits out its database being down and resumes by
 * itself with every event applied exactly once and none parked, and a handler that fails
 * on everything takes the service out of readiness and raises the metrics an alert
 * watches.
 */
class ConsumerRecoveryTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	Path data;

	@Test
	void consumerWhoseDatabaseStoppedResumesByItselfAndAppliesEveryEventExactlyOnce() throws Exception {
		int port = freePort();
		EmbeddedPostgres postgres = postgres(port);
		String consumer = "starter-outage-" + ResourceIds.next("c").toLowerCase();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StarterTestApplication.class)
			.initializers(new RealInfrastructureInitializer(), ownDatabase(port))
			.properties("server.port=0", "starter-test.consumer=" + consumer, "emberpay.recovery.backoff-max=1s")
			.run()) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			MeterRegistry registry = app.getBean(MeterRegistry.class);
			PaymentAuthorized before = authorized(ResourceIds.next("pay"));
			String beforeJson = publish(before);
			await().atMost(PATIENCE).until(() -> applied(jdbc, consumer, before.eventId()) == 1);

			postgres.close();
			List<PaymentAuthorized> during = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				during.add(authorized(ResourceIds.next("pay")));
				publish(during.getLast());
			}
			publish(before.payment().id(), beforeJson);
			await().atMost(PATIENCE).until(() -> state(registry, consumer, "retrying") == 1);
			// down a few seconds: several backoffs, each taking the same records again
			Thread.sleep(Duration.ofSeconds(4));
			assertThat(state(registry, consumer, "retrying")).isOne();

			postgres = postgres(port);
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(during)
					.allSatisfy((event) -> assertThat(applied(jdbc, consumer, event.eventId())).isOne()));
			assertThat(applied(jdbc, consumer, before.eventId())).isOne();
			List<String> eventIds = new ArrayList<>(during.stream().map(PaymentAuthorized::eventId).toList());
			eventIds.add(before.eventId());
			assertThat(
					jdbc.sql("select count(*) from inbox_dead_letter where consumer = :consumer and event_id in (:ids)")
						.param("consumer", consumer)
						.param("ids", eventIds)
						.query(Long.class)
						.single())
				.as("events held up by the outage are not parked")
				.isZero();
			await().atMost(PATIENCE).until(() -> state(registry, consumer, "running") == 1);
		}
		finally {
			postgres.close();
		}
	}

	@Test
	void handlerFailingOnEveryEventTakesTheServiceOutOfReadinessAndRaisesTheMetrics() throws Exception {
		String broken = "starter-broken-" + ResourceIds.next("c").toLowerCase();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StarterTestApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.properties("server.port=0", "starter-test.consumer=" + broken + "-healthy",
					"starter-test.broken-consumer=" + broken, "emberpay.recovery.parked-in-a-row=3",
					"emberpay.recovery.backoff-max=1s")
			.run()) {
			ApiClient service = new ApiClient(
					"http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
			MeterRegistry registry = app.getBean(MeterRegistry.class);
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			HealthIndicator consumers = app.getBean("consumersHealthIndicator", HealthIndicator.class);
			for (int i = 0; i < 4; i++) {
				publish(authorized(ResourceIds.next("pay")));
			}

			await().atMost(PATIENCE).until(() -> state(registry, broken, "failing") == 1);
			assertThat(service.get("/actuator/health/readiness").status()).isEqualTo(503);
			assertThat(consumers.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(registry.get("emberpay.consumer.parked").tag("consumer", broken).functionCounter().count())
				.isEqualTo(3);
			assertThat(service.get("/actuator/prometheus").body())
				.contains("emberpay_consumer_state{application=\"starter-test\",consumer=\"" + broken
						+ "\",state=\"failing\"} 1.0")
				.contains(
						"emberpay_consumer_parked_total{application=\"starter-test\",consumer=\"" + broken + "\"} 3.0");

			// once everything fails, the consumer holds the next record instead of
			// draining the topic into the dead-letter table
			await().atMost(PATIENCE)
				.until(() -> String.valueOf(consumers.health().getDetails().get(broken))
					.contains("every recent record failed"));
			assertThat(jdbc.sql("select count(*) from inbox_dead_letter where consumer = ?")
				.param(broken)
				.query(Long.class)
				.single()).isEqualTo(3);
			assertThat(state(registry, broken + "-healthy", "running")).isOne();
		}
	}

	private EmbeddedPostgres postgres(int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.data)
			.setCleanDataDirectory(false)
			.setPort(port)
			.start();
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> ownDatabase(int port) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("ownDatabase",
					Map.of("spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/postgres",
							"spring.datasource.username", "postgres", "spring.datasource.password", "postgres")));
	}

	private static double state(MeterRegistry registry, String consumer, String state) {
		return registry.get("emberpay.consumer.state").tag("consumer", consumer).tag("state", state).gauge().value();
	}

	private static long applied(JdbcClient jdbc, String consumer, String eventId) {
		try {
			return jdbc.sql("select count(*) from applied_event where consumer = ? and event_id = ?")
				.params(consumer, eventId)
				.query(Long.class)
				.single();
		}
		catch (RuntimeException databaseStillStarting) {
			return -1;
		}
	}

	private static String publish(PaymentAuthorized event) throws Exception {
		String json = EventCodec.toJson(EventCodec.envelope("starter-test", event, null));
		publish(event.payment().id(), json);
		return json;
	}

	private static void publish(String key, String value) throws Exception {
		try (var producer = new KafkaProducer<>(
				Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.PAYMENTS, key, value)).get();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static PaymentAuthorized authorized(String paymentId) {
		PaymentSnapshot payment = new PaymentSnapshot(paymentId, "payment", 1999, "USD", "requires_capture", "manual",
				1999, 0, 0, "mer_test", "usr_test", "pm_test", null, "psp-a", "auth_1", null, null, Map.of(), null,
				null, false, "req_test", Instant.now());
		return new PaymentAuthorized(ResourceIds.event(), Instant.now(), payment);
	}

}
