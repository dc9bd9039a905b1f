package io.emberpay.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.emberpay.local.RunningPlatform;
import io.emberpay.local.demo.GatewayClient;
import io.emberpay.testkit.Pgbench;
import io.emberpay.testkit.SharedPostgres;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform benchmark: starts every service on the shared engines, measures
 * {@code pgbench
 * tpcb-like} on the same PostgreSQL, then drives card payments through the gateway at
 * fixed arrival rates, stepping up until the platform no longer keeps up, and finally
 * holds 70 % of that rate. Run with {@code ./bench platform [users]}.
 */
public final class PaymentLoadGenerator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PaymentLoadGenerator() {
	}

	public static void main(String[] args) {
		BenchmarkPlatform.runAndExit(() -> run(args));
	}

	private static void run(String[] args) throws Exception {
		int users = (args.length > 0 && !args[0].isBlank()) ? Integer.parseInt(args[0].trim()) : 50;
		RunningPlatform platform = BenchmarkPlatform.start();
		System.out.println("Machine: " + Machine.describe());
		double pgbench = Pgbench.tpcbLikeTps(SharedPostgres.get(), 8, 20);
		System.out.printf("pgbench -b tpcb-like -c 8 on the same PostgreSQL: %.0f tps%n", pgbench);

		Shoppers shoppers = Shoppers.enrol(new GatewayClient(platform.gatewayUrl()), users);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		URI payments = URI.create(platform.gatewayUrl() + "/v1/payments");

		List<OpenModelLoad.Step> steps = new ArrayList<>();
		// seven freshly started JVMs compile their hot paths first: warm up before
		// measuring
		OpenModelLoad.run(10, Duration.ofSeconds(45), i -> pay(http, payments, shoppers, i));
		OpenModelLoad.Step best = null;
		for (double rate : new double[] { 10, 15, 20, 30, 40, 50, 60, 80, 100, 150, 200, 300 }) {
			OpenModelLoad.Step step = OpenModelLoad.run(rate, Duration.ofSeconds(15),
					i -> pay(http, payments, shoppers, i));
			steps.add(step);
			System.out.println("  " + step);
			if (!step.sustained()) {
				break;
			}
			best = step;
		}
		double saturation = (best == null) ? steps.get(0).achievedPerSecond() : best.achievedPerSecond();
		OpenModelLoad.Step held = OpenModelLoad.run(Math.max(1, 0.7 * saturation), Duration.ofSeconds(30),
				i -> pay(http, payments, shoppers, i));
		System.out.printf("%nSaturation: %.0f payments/s (%.4f x pgbench tps)%n", saturation, saturation / pgbench);
		System.out.println("At 70 % of saturation: " + held);
		platform.processes()
			.running()
			.forEach((service, process) -> System.out.printf("  %-14s %4d MiB resident%n", service.name(),
					process.residentKib() / 1024));
	}

	private static CompletableFuture<Boolean> pay(HttpClient http, URI payments, Shoppers shoppers, long i) {
		Shoppers.Shopper shopper = shoppers.pick(i);
		String body = JSON.writeValueAsString(
				Map.of("amount", 500 + (i % 5000), "currency", "USD", "merchant", shoppers.merchant(), "payment_method",
						shopper.paymentMethod(), "capture_method", "automatic", "device_id", shopper.device()));
		HttpRequest request = HttpRequest.newBuilder(payments)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + shopper.accessToken())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.thenApply(response -> response.statusCode() == 201);
	}

}
