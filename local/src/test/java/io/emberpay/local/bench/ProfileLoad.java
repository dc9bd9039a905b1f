package io.emberpay.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.emberpay.local.RunningPlatform;
import io.emberpay.local.demo.GatewayClient;
import tools.jackson.databind.json.JsonMapper;

/** Scratch: steady load for profiling. args: shoppers rate seconds. */
public final class ProfileLoad {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public static void main(String[] args) {
		BenchmarkPlatform.runAndExit(() -> {
			int users = Integer.parseInt(args[0]);
			double rate = Double.parseDouble(args[1]);
			int seconds = Integer.parseInt(args[2]);
			RunningPlatform platform = BenchmarkPlatform.start();
			Shoppers shoppers = Shoppers.enrol(new GatewayClient(platform.gatewayUrl()), users);
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			URI payments = URI.create(platform.gatewayUrl() + "/v1/payments");
			Files.writeString(Path.of("/work/prof/load-started"), "go");
			for (int s = 0; s < seconds; s += 15) {
				System.out.println(OpenModelLoad.run(rate, Duration.ofSeconds(15), i -> {
					Shoppers.Shopper shopper = shoppers.pick(i);
					String body = JSON.writeValueAsString(Map.of("amount", 500 + (i % 5000), "currency", "USD",
							"merchant", shoppers.merchant(), "payment_method", shopper.paymentMethod(),
							"capture_method", "automatic", "device_id", shopper.device()));
					HttpRequest request = HttpRequest.newBuilder(payments)
						.timeout(Duration.ofSeconds(30))
						.header("Content-Type", "application/json")
						.header("Authorization", "Bearer " + shopper.accessToken())
						.header("Idempotency-Key", UUID.randomUUID().toString())
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build();
					return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
						.thenApply(response -> response.statusCode() == 201);
				}));
			}
		});
	}

}
