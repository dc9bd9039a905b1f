package io.emberpay.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.emberpay.local.TestCards;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's shoppers as production sees them: each signed up, logged in (Argon2id)
 * on their own phone and holding their own card, each calling from their own client
 * address in the benchmarking range 198.18.0.0/15 (RFC 2544), sent as
 * {@code X-Forwarded-For} as an ingress would, on enrolment calls too; so the gateway's
 * per-address limits and the fraud rules count each shopper apart. One merchant sells to
 * all of them. Access tokens live minutes: {@link #refreshExpiring} renews them between
 * phases, as the app would.
 */
final class ShopperPopulation {

	/** The addresses of 198.18.0.0/15 left after the merchant's. */
	static final int MAX_SHOPPERS = 131_000;

	private static final long FIRST_ADDRESS = (198L << 24) | (18L << 16);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Amounts a shopper pays in turn, so a shopper's history and the merchant's vary. */
	private static final int AMOUNTS_PER_SHOPPER = 4;

	private final String merchant;

	private final List<Shopper> shoppers;

	private final AtomicReferenceArray<Credentials> credentials;

	private final Enrolment client;

	private ShopperPopulation(String merchant, List<Shopper> shoppers, List<Credentials> credentials,
			Enrolment client) {
		this.merchant = merchant;
		this.shoppers = shoppers;
		this.credentials = new AtomicReferenceArray<>(credentials.toArray(Credentials[]::new));
		this.client = client;
	}

	/**
	 * Enrols {@code count} shoppers, {@code concurrency} at a time: auth-service hashes
	 * one password per core at a time and answers 503 with Retry-After past a short
	 * queue, which is honoured.
	 */
	static ShopperPopulation enrol(String gatewayUrl, int count, int concurrency) throws Exception {
		Enrolment client = new Enrolment(gatewayUrl);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String merchant = client
			.call("/v1/merchants", Map.of("name", "Bench Store " + suffix, "email", "bench-" + suffix + "@bench.test"),
					null, address(MAX_SHOPPERS), 201, "merchant")
			.path("id")
			.asString();
		long started = System.nanoTime();
		AtomicInteger done = new AtomicInteger();
		List<Future<Enrolled>> enrolled = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
			for (int i = 0; i < count; i++) {
				int index = i;
				enrolled.add(pool.submit(() -> {
					Enrolled shopper = enrolOne(client, merchant, suffix, index);
					int finished = done.incrementAndGet();
					if (finished % Math.max(1, count / 4) == 0 && finished < count) {
						System.out.printf(Locale.ROOT, "  enrolled %d of %d shoppers (%.0f s)%n", finished, count,
								(System.nanoTime() - started) / 1e9);
					}
					return shopper;
				}));
			}
			List<Shopper> shoppers = new ArrayList<>();
			List<Credentials> credentials = new ArrayList<>();
			for (Future<Enrolled> future : enrolled) {
				Enrolled shopper = future.get();
				shoppers.add(shopper.shopper());
				credentials.add(shopper.credentials());
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf(Locale.ROOT,
					"Enrolled %d shoppers (signup, login with Argon2id, card; each from its own address) in %.0f s, "
							+ "%d at a time: %.1f shoppers/s; %d calls retried after 429/503 with Retry-After%n",
					count, seconds, concurrency, count / seconds, client.retries.get());
			return new ShopperPopulation(merchant, List.copyOf(shoppers), credentials, client);
		}
	}

	private static Enrolled enrolOne(Enrolment client, String merchant, String suffix, int index) {
		String address = address(index);
		String email = "shopper-" + index + "-" + suffix + "@bench.test";
		String password = "bench password " + suffix + index;
		String device = "bench-phone-" + suffix + "-" + index;
		client.call("/v1/auth/signup", Map.of("email", email, "password", password), null, address, 201, "signup");
		JsonNode tokens = client.call("/v1/auth/login",
				Map.of("email", email, "password", password, "device_id", device), null, address, 200, "login");
		Credentials credentials = Credentials.of(tokens);
		String card = client
			.call("/v1/payment_methods",
					Map.of("type", "card", "card",
							Map.of("number", TestCards.visa(index), "exp_month", 12, "exp_year", 2034, "cvc", "123")),
					credentials.accessToken(), address, 201, "card")
			.path("id")
			.asString();
		byte[][] bodies = new byte[AMOUNTS_PER_SHOPPER][];
		for (int k = 0; k < AMOUNTS_PER_SHOPPER; k++) {
			// $5.00 to $39.99: everyday amounts, below payment-service's fraud-fallback
			// limit
			long amount = 500 + ((index * 613L + k * 977L) % 3500);
			bodies[k] = JSON.writeValueAsBytes(Map.of("amount", amount, "currency", "USD", "merchant", merchant,
					"payment_method", card, "capture_method", "automatic", "device_id", device));
		}
		return new Enrolled(new Shopper(index, address, device, bodies), credentials);
	}

	/** The client address of shopper {@code index}: 198.18.0.1, 198.18.0.2, … */
	static String address(int index) {
		long address = FIRST_ADDRESS + 1 + index;
		return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
				+ (address & 255);
	}

	String merchant() {
		return this.merchant;
	}

	int size() {
		return this.shoppers.size();
	}

	/**
	 * The shopper of arrival {@code arrival}: in turn, so each pays every
	 * {@code size / rate} seconds, the gentlest pace a population this size allows.
	 */
	Shopper forArrival(long arrival) {
		return this.shoppers.get((int) (arrival % this.shoppers.size()));
	}

	/** The body of arrival {@code arrival}: its shopper's amounts in turn. */
	byte[] body(Shopper shopper, long arrival) {
		return shopper.bodies()[(int) ((arrival / this.shoppers.size()) % shopper.bodies().length)];
	}

	String bearer(Shopper shopper) {
		return this.credentials.get(shopper.index()).bearer();
	}

	/**
	 * Renews every access token that would expire within {@code within}, before a phase
	 * rather than during it, so a phase's figures hold payments only.
	 * @return how many were renewed
	 */
	int refreshExpiring(Duration within, int concurrency) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		List<Future<?>> renewals = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
			for (Shopper shopper : this.shoppers) {
				Credentials current = this.credentials.get(shopper.index());
				if (current.expiresAtNanos() - deadline < 0) {
					renewals.add(pool.submit(() -> {
						JsonNode tokens = this.client.call("/v1/auth/token",
								Map.of("refresh_token", current.refreshToken()), null, shopper.address(), 200,
								"refresh");
						this.credentials.set(shopper.index(), Credentials.of(tokens));
						return null;
					}));
				}
			}
			for (Future<?> renewal : renewals) {
				renewal.get();
			}
		}
		return renewals.size();
	}

	/**
	 * One shopper: index, client address, device, and the payment bodies it sends in turn
	 * (encoded once, not per request).
	 */
	record Shopper(int index, String address, String device, byte[][] bodies) {
	}

	private record Enrolled(Shopper shopper, Credentials credentials) {
	}

	/** A shopper's tokens; the access token's expiry on this JVM's clock. */
	record Credentials(String bearer, String accessToken, String refreshToken, long expiresAtNanos) {

		static Credentials of(JsonNode tokens) {
			String access = tokens.path("access_token").asString();
			long expiresIn = tokens.path("expires_in").asLong(600);
			return new Credentials("Bearer " + access, access, tokens.path("refresh_token").asString(),
					System.nanoTime() + Duration.ofSeconds(expiresIn).toNanos());
		}

	}

	/**
	 * Blocking JSON calls for enrolment and token renewal, which are not measured; a 429
	 * or 503 is retried after its Retry-After.
	 */
	private static final class Enrolment {

		private static final int ATTEMPTS = 8;

		private final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		private final String gatewayUrl;

		private final AtomicLong retries = new AtomicLong();

		Enrolment(String gatewayUrl) {
			this.gatewayUrl = gatewayUrl;
		}

		JsonNode call(String path, Object body, String bearer, String address, int expected, String step) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gatewayUrl + path))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", address)
				.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
			if (bearer != null) {
				request.header("Authorization", "Bearer " + bearer);
			}
			HttpRequest built = request.build();
			for (int attempt = 1;; attempt++) {
				HttpResponse<String> response;
				try {
					response = this.http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					if (attempt == ATTEMPTS) {
						throw new IllegalStateException(step + " failed: " + ex, ex);
					}
					this.retries.incrementAndGet();
					pause(Duration.ofSeconds(1));
					continue;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				if (response.statusCode() == expected) {
					return JSON.readTree(response.body());
				}
				boolean refused = response.statusCode() == 429 || response.statusCode() == 503;
				if (!refused || attempt == ATTEMPTS) {
					throw new IllegalStateException(step + " from " + address + ": expected HTTP " + expected
							+ " but got " + response.statusCode() + ": " + response.body());
				}
				this.retries.incrementAndGet();
				long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
				pause(Duration.ofSeconds(Math.min(10, Math.max(1, seconds))));
			}
		}

		private static void pause(Duration duration) {
			try {
				Thread.sleep(duration);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
