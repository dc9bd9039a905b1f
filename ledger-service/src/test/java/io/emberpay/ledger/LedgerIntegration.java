package io.emberpay.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.emberpay.events.EventCodec;
import io.emberpay.events.PlatformEvent;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.RefundSnapshot;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructure;
import io.emberpay.testkit.SharedKafka;
import io.emberpay.testkit.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Spring context for every ledger test class (same annotations as
 * {@link LedgerServiceTests}), the real PostgreSQL and Kafka, and helpers that speak to
 * the service the way its clients do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
abstract class LedgerIntegration {

	static {
		FakePspSettlements.ensureStarted();
	}

	@Value("${local.server.port}")
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	protected ApiClient api() {
		return new ApiClient("http://localhost:" + this.port);
	}

	/**
	 * The value of one series in the service's Prometheus scrape, e.g.
	 * {@code name{application="ledger-service"}}; empty when it is not exported yet.
	 */
	protected OptionalDouble scraped(String series) {
		String prefix = series + " ";
		return api().get("/actuator/prometheus")
			.body()
			.lines()
			.filter(line -> line.startsWith(prefix))
			.mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
			.findFirst();
	}

	protected ApiClient operator() {
		return api().withToken(TestTokens.get().operator("usr_operator"));
	}

	protected ApiClient merchant(String merchant) {
		return api().withToken(TestTokens.get().merchant(merchant));
	}

	/** The merchant through a credential of one mode: a live or a test key. */
	protected ApiClient merchant(String merchant, boolean livemode) {
		return api().withToken(TestTokens.get()
			.sign(merchant, List.of("merchant"), List.of("api_key"), livemode, Duration.ofMinutes(5)));
	}

	protected String openAccount(String code, String currency, String side, boolean noOverdraft) {
		ApiClient.Response response = operator().post("/internal/v1/accounts",
				Map.of("code", code, "currency", currency, "normal_side", side, "no_overdraft", noOverdraft));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.text("id");
	}

	protected static Map<String, Object> entry(String account, String direction, long amount, String currency) {
		return Map.of("account", account, "direction", direction, "amount", amount, "currency", currency);
	}

	protected ApiClient.Response adjust(String key, List<Map<String, Object>> entries) {
		return operator().post("/internal/v1/transactions", Map.of("entries", entries, "description", "test"),
				Map.of("Idempotency-Key", key));
	}

	protected static String uniqueId(String prefix) {
		return ResourceIds.next(prefix);
	}

	protected long transactionsCausedBy(String cause) {
		return this.jdbc.sql("select count(*) from ledger_transaction where cause = ?")
			.param(cause)
			.query(Long.class)
			.single();
	}

	protected JsonNode balanceOf(String accountId) {
		ApiClient.Response response = operator().get("/v1/ledger/accounts/" + accountId + "/balance");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	/** The test-mode account of this code and currency (the tests' payments are test). */
	protected String accountId(String code, String currency) {
		return accountId(code, currency, false);
	}

	protected String accountId(String code, String currency, boolean livemode) {
		return this.jdbc.sql("select id from ledger_account where code = ? and currency = ? and livemode = ?")
			.params(code, currency, livemode)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	protected static PaymentSnapshot payment(String id, String merchant, String psp, long amount, long received,
			long refunded, String status) {
		return new PaymentSnapshot(id, "payment", amount, "USD", status, "manual", amount - received, received,
				refunded, merchant, "usr_" + UUID.randomUUID().toString().replace("-", ""), "pm_test", null, psp,
				"auth_" + id, null, null, Map.of(), null, null, false, "req_" + id, Instant.now());
	}

	/** The same payment in another mode. */
	protected static PaymentSnapshot inMode(PaymentSnapshot p, boolean livemode) {
		return new PaymentSnapshot(p.id(), p.object(), p.amount(), p.currency(), p.status(), p.captureMethod(),
				p.amountCapturable(), p.amountReceived(), p.amountRefunded(), p.merchant(), p.user(), p.paymentMethod(),
				p.card(), p.psp(), p.pspReference(), p.failureCode(), p.description(), p.metadata(), p.fraud(),
				p.device(), livemode, p.requestId(), p.created());
	}

	protected static RefundSnapshot refund(String id, PaymentSnapshot payment, long amount) {
		return new RefundSnapshot(id, "refund", payment.id(), amount, payment.currency(), "succeeded",
				payment.merchant(), payment.psp(), "psp_" + id, null, "req_" + id, Instant.now());
	}

	protected static void publish(PlatformEvent... events) {
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		for (PlatformEvent event : events) {
			records.add(new ProducerRecord<>(Topics.PAYMENTS, event.aggregateId(),
					EventCodec.toJson(EventCodec.envelope("payment-service", event, null))));
		}
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			for (ProducerRecord<String, String> record : records) {
				producer.send(record).get(10, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not publish test events", ex);
		}
	}

	protected static Duration eventually() {
		return Duration.ofSeconds(30);
	}

}
