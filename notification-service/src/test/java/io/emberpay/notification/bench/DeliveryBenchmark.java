package io.emberpay.notification.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;
import io.emberpay.events.CloudEvent;
import io.emberpay.events.EventCodec;
import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.notification.NotificationApplication;
import io.emberpay.notification.support.NotificationTest;
import io.emberpay.notification.support.PlatformEvents;
import io.emberpay.notification.webhook.endpoint.SecretCipher;
import io.emberpay.notification.webhook.signing.WebhookSecret;
import io.emberpay.testkit.Pgbench;
import io.emberpay.testkit.RealInfrastructureInitializer;
import io.emberpay.testkit.SharedKafka;
import io.emberpay.testkit.SharedPostgres;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhook deliveries per second from Kafka to a local receiver (127.0.0.1, answering 200
 * at once), and event-to-delivery latency (publish to Kafka until the receiver has the
 * signed POST) at a steady rate, beside pgbench tpcb-like tps on the same PostgreSQL.
 * Each event goes through the whole path: idempotent consume, event + delivery rows,
 * claim with SKIP LOCKED, SSRF re-check, HMAC signing, HTTP, attempt and outcome rows.
 * Usage:
 * {@code ./bench notification [burstEvents] [steadyRatePerSecond] [steadySeconds]}.
 */
public final class DeliveryBenchmark {

	private static final int MERCHANTS = 16;

	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

	private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();

	private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();

	private final KafkaProducer<String, String> producer = new KafkaProducer<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
					"all", ProducerConfig.LINGER_MS_CONFIG, 2),
			new StringSerializer(), new StringSerializer());

	private final List<String> merchants = new ArrayList<>();

	private DeliveryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int burst = (args.length > 0) ? Integer.parseInt(args[0]) : 5_000;
		int rate = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 15;
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(NotificationApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--spring.application.name=notification-service",
					"--emberpay.test.database=notification_bench",
					"--emberpay.notification.webhooks.secret-key=" + NotificationTest.SECRET_KEY,
					"--emberpay.notification.webhooks.insecure-local-hosts=127.0.0.1", "--logging.level.root=WARN",
					"--logging.structured.format.console=", "--management.otlp.metrics.export.enabled=false");
		int status = 0;
		DeliveryBenchmark bench = new DeliveryBenchmark();
		try {
			bench.startReceiver(receiver);
			bench.registerEndpoints(context, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");

			bench.publishBurst(500);
			bench.awaitDelivered();
			long started = System.nanoTime();
			bench.publishBurst(burst);
			long lastDelivery = bench.awaitDelivered();
			double perSecond = burst / ((lastDelivery - started) / 1e9);

			Histogram latency = bench.steady(rate, seconds);
			double pgbench = Pgbench.tpcbLikeTps(SharedPostgres.get(), 8, 10);

			System.out.printf(Locale.ROOT, "%nnotification webhook delivery (%d merchants, one endpoint each):%n",
					MERCHANTS);
			System.out.printf(Locale.ROOT, "  burst of %d events:        %10.0f deliveries/s%n", burst, perSecond);
			System.out.printf(Locale.ROOT,
					"  steady %d events/s, %d s: event-to-delivery p50 %.1f ms, p99 %.1f ms, " + "max %.1f ms%n", rate,
					seconds, latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
					latency.getMaxValue() / 1e3);
			System.out.printf(Locale.ROOT, "  pgbench tpcb-like tps:     %10.0f  (deliveries/s = %.2f x pgbench)%n",
					pgbench, perSecond / pgbench);
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			status = 1;
		}
		finally {
			bench.producer.close();
			context.close();
			receiver.stop(0);
		}
		System.exit(status);
	}

	private void startReceiver(HttpServer receiver) {
		receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		receiver.createContext("/", exchange -> {
			try (InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
				String id = exchange.getRequestHeaders().getFirst("webhook-id");
				if (id != null) {
					this.deliveredAt.putIfAbsent(id, System.nanoTime());
				}
				exchange.sendResponseHeaders(200, -1);
			}
			catch (IOException ex) {
				// the sender sees the failure and retries; the benchmark waits for it
			}
			finally {
				exchange.close();
			}
		});
		receiver.start();
	}

	/**
	 * Registers one endpoint per merchant straight in the database (registration is not
	 * what is measured, and a benchmark needs no token issuer).
	 */
	private void registerEndpoints(ConfigurableApplicationContext context, String url) {
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		SecretCipher cipher = context.getBean(SecretCipher.class);
		for (int i = 0; i < MERCHANTS; i++) {
			String merchant = ResourceIds.next("mer");
			String endpoint = ResourceIds.next("we");
			jdbc.sql("""
					insert into webhook_endpoint (id, merchant, url, events, status, livemode, secret_ciphertext,
					    created_at, updated_at)
					values (?, ?, ?, ?, 'enabled', false, ?, now(), now())""")
				.params(endpoint, merchant, url, new String[] { "payment.succeeded" },
						cipher.encrypt(endpoint, WebhookSecret.generate()))
				.update();
			this.merchants.add(merchant);
		}
	}

	private void publishBurst(int events) {
		for (int i = 0; i < events; i++) {
			publish(i);
		}
		this.producer.flush();
	}

	private void publish(int sequence) {
		String merchant = this.merchants.get(sequence % this.merchants.size());
		CloudEvent event = EventCodec.envelope("/bench",
				PlatformEvents.succeeded(PlatformEvents.payment(merchant, null, 1999, "USD")), null);
		this.publishedAt.put(event.id(), System.nanoTime());
		this.producer.send(new ProducerRecord<>(Topics.PAYMENTS, event.subject(), EventCodec.toJson(event)));
	}

	/**
	 * Open-loop load at {@code rate} events/s; answers event-to-delivery latency in µs.
	 */
	private Histogram steady(int rate, int seconds) {
		this.publishedAt.clear();
		this.deliveredAt.clear();
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime();
		for (int i = 0; i < rate * seconds; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			publish(i);
			this.producer.flush();
		}
		awaitDelivered();
		Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
		this.publishedAt.forEach(
				(id, published) -> histogram.recordValue(Math.max(0, (this.deliveredAt.get(id) - published) / 1_000)));
		return histogram;
	}

	/**
	 * Waits until every published event reached the receiver; answers the last arrival.
	 */
	private long awaitDelivered() {
		long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
		while (!this.deliveredAt.keySet().containsAll(this.publishedAt.keySet())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("only " + this.deliveredAt.size() + " of " + this.publishedAt.size()
						+ " events were delivered within " + DRAIN_TIMEOUT);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		return this.publishedAt.keySet().stream().mapToLong(this.deliveredAt::get).max().orElse(System.nanoTime());
	}

}
