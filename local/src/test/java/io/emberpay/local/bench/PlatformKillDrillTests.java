package io.emberpay.local.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.emberpay.local.PlatformLauncher;
import io.emberpay.local.RunningPlatform;
import io.emberpay.local.demo.GatewayClient;
import io.emberpay.local.demo.WebhookReceiver;
import io.emberpay.local.infra.Durability;
import io.emberpay.local.infra.LocalKafka;
import io.emberpay.local.infra.LocalPostgres;
import io.emberpay.local.process.PlatformProcesses;
import io.emberpay.local.process.PlatformTopology;
import io.emberpay.local.process.StartupTuning;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform under open-model payment traffic while each service, PostgreSQL and
 * Kafka in turn is killed with SIGKILL and started again. Afterwards: every payment that
 * got a 2xx is settled (none left {@code processing} past the janitor's period) and in
 * the ledger exactly once, the simulated acquirer captured exactly what the platform's
 * succeeded payments say (nothing charged twice), every succeeded payment's webhook was
 * delivered, and the ledger's integrity check is ok. During the outages every refusal was
 * a 503 or 429 with {@code Retry-After}: never a 500, never a request left hanging past
 * the client's timeout. Only while the gateway itself is down are connections refused, as
 * nothing is left to answer (in Kubernetes another replica would).
 * <p>
 * Soak: about fifteen minutes on two cores ({@code ./mvnw -pl local verify -Psoak
 * -Dtest=PlatformKillDrillTests}).
 */
@Tag("soak")
class PlatformKillDrillTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> VICTIMS = List.of("payment", "ledger", "fraud", "notification", "auth", "gateway",
			"kafka", "postgres");

	/** The mobile client's patience: a request unanswered this long counts as a hang. */
	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

	private static final long PAYMENTS_PER_SECOND = Long.getLong("drill.rate", 4);

	@TempDir
	Path work;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, Long> accepted = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final AtomicLong refusedConnections = new AtomicLong();

	/** What the platform is going through, for each violation to say when it happened. */
	private volatile String phase = "steady";

	/** When the latest victim was killed ({@link System#nanoTime}). */
	private volatile long killedAt = Long.MAX_VALUE;

	/**
	 * When the first payment sent after the latest kill was accepted: the platform's
	 * recovery time as a client sees it.
	 */
	private final AtomicLong firstAcceptedAfterKill = new AtomicLong(Long.MAX_VALUE);

	@Test
	void everyAcceptedPaymentSettlesOnceThroughSigkillsOfEveryServicePostgresAndKafka() throws Exception {
		Path repository = BenchmarkPlatform.repository();
		String classpath = Files.readString(repository.resolve("local/target/launcher.classpath")).trim();
		PlatformTopology topology = PlatformTopology.freePorts();
		Path postgresData = this.work.resolve("postgres");
		LocalPostgres postgres = LocalPostgres.start(postgresData, topology.postgresPort(), PlatformTopology.DATABASES,
				Durability.DURABLE);
		AtomicReference<LocalKafka> kafka = new AtomicReference<>(startKafka(classpath, topology));
		Map<String, List<String>> settings = new HashMap<>(PlatformLauncher.localSettings());
		List<String> fraud = new ArrayList<>(settings.getOrDefault("fraud", List.of()));
		fraud.addAll(BenchmarkPlatform.unlimitedVelocity());
		settings.put("fraud", fraud);
		PlatformProcesses services = PlatformProcesses.start(repository, topology, kafka.get().bootstrapServers(),
				this.work, settings);
		ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			services.awaitReady(Duration.ofMinutes(8));
			Shop shop = Shop.open(topology.gatewayUrl(), receiver.url());
			AtomicLong sequence = new AtomicLong();
			load.scheduleAtFixedRate(
					() -> Thread.ofVirtual().start(() -> pay(topology.gatewayUrl(), shop, sequence.incrementAndGet())),
					0, 1_000_000 / PAYMENTS_PER_SECOND, TimeUnit.MICROSECONDS);
			Thread.sleep(15_000);
			for (String victim : VICTIMS) {
				System.out.printf("drill: SIGKILL %s with %d payments accepted so far%n", victim, this.accepted.size());
				this.phase = victim + " down";
				this.firstAcceptedAfterKill.set(Long.MAX_VALUE);
				this.killedAt = System.nanoTime();
				switch (victim) {
					case "kafka" -> {
						kafka.get().process().kill();
						Thread.sleep(5_000);
						kafka.set(startKafka(classpath, topology));
					}
					case "postgres" -> {
						killPostgres(postgresData);
						// releases the embedded engine's lock on the data directory, held
						// in
						// this JVM, so the restart below may take it again
						postgres.close();
						Thread.sleep(5_000);
						postgres = LocalPostgres.start(postgresData, topology.postgresPort(),
								PlatformTopology.DATABASES, Durability.DURABLE);
					}
					default -> {
						services.kill(victim);
						Thread.sleep(5_000);
						services.restart(victim);
					}
				}
				this.phase = victim + " restarted, others catching up";
				services.awaitReady(Duration.ofMinutes(5));
				long ready = System.nanoTime();
				this.phase = "steady after " + victim;
				shop.renewLogin();
				// steady traffic on the recovered platform before the next kill
				Thread.sleep(15_000);
				long firstAccepted = this.firstAcceptedAfterKill.get();
				System.out.printf(
						"drill: %s killed, every service ready again after %.1f s, first payment sent after"
								+ " the kill accepted after %s%n",
						victim, (ready - this.killedAt) / 1e9, (firstAccepted == Long.MAX_VALUE) ? "(none yet)"
								: String.format("%.1f s", (firstAccepted - this.killedAt) / 1e9));
			}
			load.shutdown();
			load.awaitTermination(1, TimeUnit.MINUTES);
			// the clients still retrying finish within their attempts
			Thread.sleep(CLIENT_TIMEOUT.multipliedBy(3).toMillis());
			System.out.printf("drill: answers %s, %d payments accepted, %d connections refused (gateway down)%n",
					this.answers, this.accepted.size(), this.refusedConnections.get());

			Map<String, Long> violationsByPhase = new TreeMap<>();
			this.violations.forEach((violation) -> violationsByPhase
				.merge(violation.substring(0, violation.indexOf(" | ")), 1L, Long::sum));
			System.out.printf("drill: violations by phase %s%n", violationsByPhase);
			// every invariant is checked and reported, not only the first one broken
			SoftAssertions invariants = new SoftAssertions();
			invariants.assertThat(this.violations)
				.as("500s, refusals without Retry-After, requests left hanging")
				.isEmpty();
			assertThat(this.accepted).as("payments accepted").isNotEmpty();
			Map<String, JsonNode> payments = awaitSettled(shop, Duration.ofMinutes(3));
			List<String> succeeded = payments.values()
				.stream()
				.filter((payment) -> payment.path("status").asString().equals("succeeded"))
				.map((payment) -> payment.path("id").asString())
				.toList();
			invariants.assertThat(payments.keySet())
				.as("every accepted payment is known")
				.containsAll(this.accepted.keySet());
			invariants.assertThat(payments.values())
				.as("payments left processing past the janitor's period")
				.noneMatch((payment) -> payment.path("status").asString().equals("processing"));
			invariants.assertThat(ledgerSources(shop, succeeded.size(), Duration.ofMinutes(2)))
				.as("each succeeded payment's ledger entries")
				.containsExactlyInAnyOrderElementsOf(succeeded);
			long capturedByUs = payments.values()
				.stream()
				.filter((payment) -> payment.path("status").asString().equals("succeeded"))
				.mapToLong((payment) -> payment.path("amount_received").asLong())
				.sum();
			JsonNode acquirers = get(topology.service("psp-simulator").url() + "/admin/stats", null);
			long capturedByAcquirers = 0;
			for (JsonNode acquirer : acquirers) {
				capturedByAcquirers += acquirer.path("amounts").path("USD").path("captured").asLong();
			}
			invariants.assertThat(capturedByAcquirers)
				.as("USD the acquirers captured (nothing charged twice)")
				.isEqualTo(capturedByUs);
			invariants.assertThat(awaitWebhooks(receiver, succeeded, Duration.ofMinutes(3)))
				.as("succeeded payments with a delivered payment.succeeded webhook")
				.containsAll(succeeded);
			// the integrity check takes the launcher's own check identity (operators use
			// the console)
			JsonNode integrity = get(topology.service("ledger").url() + "/internal/v1/integrity",
					RunningPlatform.checkToken(this.work, topology.service("auth").url(), "ledger-service"));
			invariants.assertThat(integrity.path("ok").asBoolean()).as("ledger integrity: %s", integrity).isTrue();
			System.out.printf("drill: %d payments, %d succeeded, %d USD minor units captured, ledger %s%n",
					payments.size(), succeeded.size(), capturedByUs, integrity.path("ok"));
			invariants.assertAll();
		}
		finally {
			load.shutdownNow();
			services.stop(Duration.ofSeconds(5));
			kafka.get().process().stop(Duration.ofSeconds(5));
			postgres.close();
		}
	}

	/**
	 * One shopper's payment, as a mobile app makes it: retried with the same idempotency
	 * key after a refusal's {@code Retry-After} or a timeout, a few times.
	 */
	private void pay(String gatewayUrl, Shop shop, long n) {
		String key = UUID.randomUUID().toString();
		String body = JSON.writeValueAsString(Map.of("amount", 1000 + n % 1000, "currency", "USD", "merchant",
				shop.merchantId(), "payment_method", shop.paymentMethod(), "device_id", "drill-phone"));
		for (int attempt = 0; attempt < 8; attempt++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/payments"))
				.timeout(CLIENT_TIMEOUT)
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + shop.accessToken())
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			long pause = 1;
			String sentDuring = this.phase;
			long sentAt = System.nanoTime();
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				this.answers.computeIfAbsent(Integer.toString(status), (any) -> new AtomicInteger()).incrementAndGet();
				if (status / 100 == 2) {
					this.accepted.put(JSON.readTree(response.body()).path("id").asString(), n);
					if (sentAt > this.killedAt) {
						this.firstAcceptedAfterKill.accumulateAndGet(System.nanoTime(), Math::min);
					}
					return;
				}
				if (status == 503 || status == 429) {
					var retryAfter = response.headers().firstValue("Retry-After");
					if (retryAfter.isEmpty()) {
						this.violations.add(sentDuring + " | " + status + " without Retry-After: " + response.body());
						return;
					}
					pause = Math.min(5, Long.parseLong(retryAfter.get()));
				}
				else if (status >= 500) {
					this.violations.add(sentDuring + " | " + status + ": " + response.body());
					return;
				}
				else {
					return;
				}
			}
			catch (HttpTimeoutException ex) {
				this.violations
					.add(this.phase + " | no answer within " + CLIENT_TIMEOUT + " (attempt " + attempt + ")");
			}
			catch (ConnectException ex) {
				this.refusedConnections.incrementAndGet();
			}
			catch (IOException ex) {
				this.violations.add(this.phase + " | connection broken: " + ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			try {
				Thread.sleep(Duration.ofSeconds(pause));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Every payment of the shop, once none is processing any more (or the time is up).
	 */
	private Map<String, JsonNode> awaitSettled(Shop shop, Duration patience) throws Exception {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			Map<String, JsonNode> payments = new HashMap<>();
			for (JsonNode payment : pages(shop, "/v1/payments")) {
				payments.put(payment.path("id").asString(), payment);
			}
			boolean settled = payments.values()
				.stream()
				.noneMatch((payment) -> payment.path("status").asString().equals("processing"));
			if (settled || System.nanoTime() > deadline) {
				return payments;
			}
			Thread.sleep(5_000);
		}
	}

	/** The payments the ledger's balance transactions name, one entry per appearance. */
	private List<String> ledgerSources(Shop shop, int expected, Duration patience) throws Exception {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			List<String> sources = new ArrayList<>();
			for (JsonNode entry : pages(shop, "/v1/balance_transactions")) {
				if (entry.path("type").asString().equals("payment")) {
					sources.add(entry.path("source").asString());
				}
			}
			if (sources.size() >= expected || System.nanoTime() > deadline) {
				return sources;
			}
			Thread.sleep(5_000);
		}
	}

	private static Set<String> awaitWebhooks(WebhookReceiver receiver, List<String> payments, Duration patience)
			throws InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			Set<String> delivered = new HashSet<>();
			for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
				JsonNode event = JSON.readTree(delivery.body());
				if (event.path("type").asString().equals("payment.succeeded")) {
					delivered.add(event.path("data").path("object").path("id").asString());
				}
			}
			if (delivered.containsAll(payments) || System.nanoTime() > deadline) {
				return delivered;
			}
			Thread.sleep(5_000);
		}
	}

	private List<JsonNode> pages(Shop shop, String path) throws Exception {
		List<JsonNode> all = new ArrayList<>();
		String after = null;
		while (true) {
			JsonNode page = get(
					shop.gatewayUrl() + path + "?limit=100" + ((after == null) ? "" : "&starting_after=" + after),
					shop.apiKey());
			page.path("data").forEach(all::add);
			if (!page.path("has_more").asBoolean() || all.isEmpty()) {
				return all;
			}
			after = all.getLast().path("id").asString();
		}
	}

	private JsonNode get(String url, String bearer) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private LocalKafka startKafka(String classpath, PlatformTopology topology)
			throws IOException, InterruptedException {
		LocalKafka kafka = LocalKafka.start(this.work.resolve("kafka"), topology.kafkaPort(),
				topology.kafkaControllerPort(), classpath, this.work.resolve("logs/kafka.log"), StartupTuning.none());
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("localhost", topology.kafkaPort()), 500);
				return kafka;
			}
			catch (IOException notYet) {
				assertThat(System.nanoTime()).as("Kafka listening").isLessThan(deadline);
				Thread.sleep(200);
			}
		}
	}

	/** SIGKILL to the postmaster and every backend at once, as a crash would. */
	private static void killPostgres(Path data) throws IOException, InterruptedException {
		long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
		ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
		List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
		processes.add(postmaster);
		processes.forEach(ProcessHandle::destroyForcibly);
		while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
			Thread.sleep(50);
		}
	}

	/** The drill's merchant, its webhook endpoint, and one shopper with a saved card. */
	private static final class Shop {

		private final GatewayClient gateway;

		private final String gatewayUrl;

		private final String merchantId;

		private final String apiKey;

		private final String email;

		private final String password;

		private final String paymentMethod;

		private volatile String accessToken;

		private Shop(GatewayClient gateway, String gatewayUrl, String merchantId, String apiKey, String email,
				String password, String accessToken, String paymentMethod) {
			this.gateway = gateway;
			this.gatewayUrl = gatewayUrl;
			this.merchantId = merchantId;
			this.apiKey = apiKey;
			this.email = email;
			this.password = password;
			this.accessToken = accessToken;
			this.paymentMethod = paymentMethod;
		}

		static Shop open(String gatewayUrl, String webhookUrl) {
			GatewayClient gateway = new GatewayClient(gatewayUrl);
			String suffix = UUID.randomUUID().toString().substring(0, 8);
			JsonNode merchant = gateway
				.post("/v1/merchants", Map.of("name", "Drill Shop " + suffix, "email", "drill-" + suffix + "@e2e.test"),
						null)
				.expect(201, "merchant sign-up")
				.json();
			String apiKey = merchant.path("api_key").asString();
			gateway
				.post("/v1/webhook_endpoints", Map.of("url", webhookUrl, "events", List.of("payment.succeeded")),
						apiKey)
				.expect(201, "webhook endpoint");
			String email = "drill-" + suffix + "@e2e.test";
			String password = "a long drill password " + suffix;
			gateway.post("/v1/auth/signup", Map.of("email", email, "password", password), null).expect(201, "sign-up");
			String token = login(gateway, email, password);
			String card = gateway
				.post("/v1/payment_methods",
						Map.of("type", "card", "card",
								Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2034, "cvc", "123")),
						token)
				.expect(201, "card")
				.text("id");
			return new Shop(gateway, gatewayUrl, merchant.path("id").asString(), apiKey, email, password, token, card);
		}

		private static String login(GatewayClient gateway, String email, String password) {
			return gateway
				.post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", "drill-phone"), null)
				.expect(200, "login")
				.text("access_token");
		}

		/** A fresh access token: the drill outlasts one (ten minutes). */
		void renewLogin() {
			this.accessToken = login(this.gateway, this.email, this.password);
		}

		String gatewayUrl() {
			return this.gatewayUrl;
		}

		String merchantId() {
			return this.merchantId;
		}

		String apiKey() {
			return this.apiKey;
		}

		String accessToken() {
			return this.accessToken;
		}

		String paymentMethod() {
			return this.paymentMethod;
		}

	}

}
