package io.emberpay.starter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.starter.kafka.KafkaClients;
import io.emberpay.starter.kafka.KafkaProperties;
import io.emberpay.starter.outbox.OutboxWriter;
import io.emberpay.testkit.RealInfrastructureInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The starter's producer and consumers against a broker that, like the platform's Strimzi
 * cluster, accepts only SASL_SSL with SCRAM-SHA-512 users and authorizes by ACL: with the
 * service's user, its trust store and the ACLs of its {@code KafkaUser}, an event goes
 * from the outbox through Kafka into the inbox; with a wrong password, or without
 * trusting the broker's certificate, the client does not get in.
 */
@Tag("security")
class SecuredKafkaTests {

	private static final String USER = "starter-test";

	private static final String PASSWORD = "scram-" + ResourceIds.next("pw");

	private static final String GROUP = "starter-secure";

	@TempDir
	static Path directory;

	static ScramKafkaBroker broker;

	@BeforeAll
	static void startBroker() throws Exception {
		broker = ScramKafkaBroker.start(directory);
		broker.createUser(USER, PASSWORD, Topics.PAYMENTS, Topics.PAYMENTS, List.of(GROUP));
	}

	@AfterAll
	static void stopBroker() throws Exception {
		broker.close();
	}

	@Test
	void outboxEventReachesTheConsumerOverSaslSslWithTheServicesScramUser() {
		Map<String, Object> kafka = new HashMap<>();
		kafka.put("emberpay.kafka.bootstrap-servers", broker.bootstrapServers());
		kafka.put("emberpay.kafka.provision-topics", "false");
		kafka.put("emberpay.kafka.require-secure", "true");
		kafka.put("emberpay.kafka.security-protocol", "SASL_SSL");
		kafka.put("emberpay.kafka.ssl.trust-store-location", broker.trustedCertificate().toString());
		kafka.put("emberpay.kafka.sasl.username", USER);
		kafka.put("emberpay.kafka.sasl.password", PASSWORD);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StarterTestApplication.class)
			.initializers(new RealInfrastructureInitializer(),
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("securedKafka", kafka)))
			// its own database: the shared test context's relay must not send these rows
			.run("--server.port=0", "--emberpay.test.database=starter_secured_kafka",
					"--starter-test.consumer=" + GROUP)) {
			OutboxWriter outbox = app.getBean(OutboxWriter.class);
			JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
			PaymentAuthorized event = authorized(ResourceIds.next("pay"));

			app.getBean(TransactionTemplate.class)
				.executeWithoutResult((status) -> outbox.append(Topics.PAYMENTS, event));

			await().atMost(Duration.ofSeconds(60))
				.until(() -> jdbc.sql("select count(*) from applied_event where consumer = ? and event_id = ?")
					.params(GROUP, event.eventId())
					.query(Long.class)
					.single() == 1);
		}
	}

	@Test
	void aProducerWithAWrongPasswordIsRefused() {
		KafkaProperties wrong = broker.properties(USER, "not-" + PASSWORD);
		try (KafkaProducer<String, String> producer = KafkaClients.producer(wrong,
				Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000))) {
			Throwable failure = catchThrowable(() -> producer.partitionsFor(Topics.PAYMENTS));
			assertThat(failure).isInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	void aClientThatDoesNotTrustTheBrokersCertificateDoesNotConnect() {
		KafkaProperties untrusting = new KafkaProperties(broker.bootstrapServers(), false, 1, (short) 1, "SASL_SSL",
				new KafkaProperties.Ssl(null, null), new KafkaProperties.Sasl(null, USER, PASSWORD), true);
		try (Admin admin = KafkaClients.admin(untrusting, Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				15_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
			Throwable failure = catchThrowable(() -> admin.listTopics().names().get());
			assertThat(failure).hasCauseInstanceOf(SslAuthenticationException.class);
		}
	}

	@Test
	void theRightUserAuthenticates() throws Exception {
		try (Admin admin = KafkaClients.admin(broker.properties(USER, PASSWORD),
				Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
						AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
			// the user may describe only its topic: the ACLs hide the others
			assertThat(admin.listTopics().names().get()).containsExactly(Topics.PAYMENTS);
		}
	}

	private static PaymentAuthorized authorized(String paymentId) {
		PaymentSnapshot payment = new PaymentSnapshot(paymentId, "payment", 1999, "USD", "requires_capture", "manual",
				1999, 0, 0, "mer_test", "usr_test", "pm_test", null, "psp-a", "auth_1", null, null, Map.of(), null,
				null, false, "req_test", Instant.now());
		return new PaymentAuthorized(ResourceIds.event(), Instant.now(), payment);
	}

}
