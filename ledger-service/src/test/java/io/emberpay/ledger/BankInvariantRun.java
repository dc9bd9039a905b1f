package io.emberpay.ledger;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.RealInfrastructureInitializer;
import io.emberpay.testkit.TestTokens;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bank-invariant run: concurrent clients move money at random between no-overdraft
 * accounts through the HTTP API of two ledger instances, one of which is killed and
 * restarted again and again; a reader checks conservation and non-negativity throughout.
 * Every transfer is retried with its key until it gets a definite answer, so at the end
 * the ledger must hold exactly the acknowledged transfers, each once.
 */
final class BankInvariantRun {

	static final int ACCOUNTS = 10;

	static final long OPENING_BALANCE = 100_000;

	private final JdbcClient jdbc;

	private final String mainUrl;

	private final String run = "bank" + Long.toString(System.nanoTime(), 36);

	private final String operatorToken = TestTokens.get().operator("usr_operator");

	private final AtomicReference<String> restartableUrl = new AtomicReference<>();

	private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();

	private final AtomicInteger finished = new AtomicInteger();

	private final AtomicLong invariantChecks = new AtomicLong();

	private final List<String> accounts = new ArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	BankInvariantRun(JdbcClient jdbc, int mainPort) {
		this.jdbc = jdbc;
		this.mainUrl = "http://localhost:" + mainPort;
	}

	/** Runs {@code transfers} transfers from 16 clients with {@code restarts} kills. */
	void run(int transfers, int restarts) throws Exception {
		openAndFund();
		ConfigurableApplicationContext second = startInstance();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
		try {
			reader.scheduleWithFixedDelay(this::checkInvariants, 0, 25, TimeUnit.MILLISECONDS);
			AtomicInteger next = new AtomicInteger();
			List<Future<?>> clients = new ArrayList<>();
			for (int c = 0; c < 16; c++) {
				clients.add(pool.submit(() -> {
					for (int n = next.getAndIncrement(); n < transfers; n = next.getAndIncrement()) {
						transfer(n);
						this.finished.incrementAndGet();
					}
				}));
			}
			for (int k = 1; k <= restarts; k++) {
				int milestone = transfers * k / (restarts + 1);
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> this.finished.get() >= milestone || allDone(clients));
				this.restartableUrl.set(null);
				second.close();
				second = startInstance();
			}
			for (Future<?> client : clients) {
				client.get(10, TimeUnit.MINUTES);
			}
			reader.shutdown();
			assertThat(reader.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
			checkInvariants();
		}
		finally {
			reader.shutdownNow();
			pool.shutdownNow();
			second.close();
		}
		assertThat(this.violations).isEmpty();
		verifyEnd(transfers);
	}

	private static boolean allDone(List<Future<?>> clients) {
		return clients.stream().allMatch(Future::isDone);
	}

	private void openAndFund() {
		ApiClient operator = new ApiClient(this.mainUrl).withToken(this.operatorToken);
		String funding = open(operator, "bank_funding:" + this.run, "debit", false);
		for (int i = 0; i < ACCOUNTS; i++) {
			String account = open(operator, "bank:" + this.run + "-" + i, "credit", true);
			this.accounts.add(account);
			ApiClient.Response funded = operator.post("/internal/v1/transactions",
					Map.of("entries",
							List.of(LedgerIntegration.entry(funding, "debit", OPENING_BALANCE, "USD"),
									LedgerIntegration.entry(account, "credit", OPENING_BALANCE, "USD"))),
					Map.of("Idempotency-Key", this.run + "-fund-" + i));
			assertThat(funded.status()).as(funded.body()).isEqualTo(201);
		}
	}

	private static String open(ApiClient operator, String code, String side, boolean noOverdraft) {
		ApiClient.Response response = operator.post("/internal/v1/accounts",
				Map.of("code", code, "currency", "USD", "normal_side", side, "no_overdraft", noOverdraft));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.text("id");
	}

	private void transfer(int n) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int from = random.nextInt(ACCOUNTS);
		int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
		long amount = 1 + random.nextLong(30_000);
		String key = this.run + "-t-" + n;
		Map<String, Object> body = Map.of("entries",
				List.of(LedgerIntegration.entry(this.accounts.get(from), "debit", amount, "USD"),
						LedgerIntegration.entry(this.accounts.get(to), "credit", amount, "USD")));
		for (int attempt = 1;; attempt++) {
			String second = this.restartableUrl.get();
			String url = (second != null && random.nextBoolean()) ? second : this.mainUrl;
			ApiClient.Response response;
			try {
				response = new ApiClient(url).withToken(this.operatorToken)
					.post("/internal/v1/transactions", body, Map.of("Idempotency-Key", key));
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				continue;
			}
			if (response.status() == 201 || response.status() == 200) {
				this.acknowledged.put(key, new Acknowledged(response.text("id"), from, to, amount));
				return;
			}
			if (response.status() == 409 && "insufficient_funds".equals(response.text("code"))) {
				return;
			}
			assertThat(response.status()).as("attempt %d of %s: %s", attempt, key, response.body()).isEqualTo(503);
		}
	}

	/** One consistent read (a single statement) of all ten balances. */
	private void checkInvariants() {
		try {
			List<Long> balances = this.jdbc.sql("""
					select coalesce(sum(case e.direction when 'credit' then e.amount else -e.amount end), 0)
					  from unnest(?::varchar[]) as a(id) left join ledger_entry e on e.account_id = a.id
					 group by a.id""").param(this.accounts.toArray(String[]::new)).query(Long.class).list();
			if (balances.size() != ACCOUNTS || balances.stream().anyMatch(balance -> balance < 0)) {
				this.violations.add("negative or missing balance: " + balances);
			}
			long total = balances.stream().mapToLong(Long::longValue).sum();
			if (total != ACCOUNTS * OPENING_BALANCE) {
				this.violations.add("total " + total + " is not " + ACCOUNTS * OPENING_BALANCE);
			}
			this.invariantChecks.incrementAndGet();
		}
		catch (RuntimeException ex) {
			this.violations.add("reader failed: " + ex);
		}
	}

	private void verifyEnd(int transfers) {
		assertThat(this.invariantChecks.get()).isGreaterThan(1);
		String causePrefix = "adjustment:usr_operator:" + this.run + "-t-";
		List<String> ids = this.acknowledged.values().stream().map(Acknowledged::transactionId).toList();
		long applied = this.jdbc.sql("select count(*) from ledger_transaction where cause like ?")
			.param(causePrefix + "%")
			.query(Long.class)
			.single();
		long acknowledgedFound = this.jdbc.sql("select count(*) from ledger_transaction where id = any(?)")
			.param(ids.toArray(String[]::new))
			.query(Long.class)
			.single();
		assertThat(acknowledgedFound).as("acknowledged transfers in the ledger").isEqualTo(ids.size());
		assertThat(applied).as("transfers applied exactly once each").isEqualTo(ids.size());
		assertThat(ids).doesNotHaveDuplicates();

		Map<Integer, Long> expected = new HashMap<>();
		for (int i = 0; i < ACCOUNTS; i++) {
			expected.put(i, OPENING_BALANCE);
		}
		this.acknowledged.values().forEach(t -> {
			expected.merge(t.from(), -t.amount(), Long::sum);
			expected.merge(t.to(), t.amount(), Long::sum);
		});
		for (int i = 0; i < ACCOUNTS; i++) {
			long actual = this.jdbc.sql("""
					select coalesce(sum(case direction when 'credit' then amount else -amount end), 0)
					  from ledger_entry where account_id = ?""").param(this.accounts.get(i)).query(Long.class).single();
			assertThat(actual).as("balance of account %d", i).isEqualTo(expected.get(i));
		}
		assertThat(this.acknowledged.size()).isLessThanOrEqualTo(transfers).isGreaterThan(transfers / 2);
	}

	private ConfigurableApplicationContext startInstance() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--spring.application.name=ledger-service", "--emberpay.inbox.enabled=false",
					"--server.shutdown=immediate");
		this.restartableUrl.set("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
		return context;
	}

	private record Acknowledged(String transactionId, int from, int to, long amount) {
	}

}
