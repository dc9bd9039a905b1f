package io.emberpay.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.emberpay.client.api.AuthorizationControllerApi;
import io.emberpay.client.api.PaymentControllerApi;
import io.emberpay.client.api.PaymentMethodControllerApi;
import io.emberpay.client.api.WebhookEndpointControllerApi;
import io.emberpay.client.infrastructure.ApiClient;
import io.emberpay.client.infrastructure.ClientException;
import io.emberpay.client.infrastructure.ServerException;
import io.emberpay.client.model.Create;
import io.emberpay.client.model.CreatePaymentRequest;
import io.emberpay.client.model.NewCard;
import io.emberpay.client.model.PaymentMethodRequest;
import io.emberpay.client.model.PaymentMethodView;
import io.emberpay.client.model.PaymentView;
import io.emberpay.client.model.Problem;
import io.emberpay.client.model.WebhookEndpointView;
import io.emberpay.client.problems.ApiProblems;
import io.emberpay.client.webhooks.WebhookSignatures;
import io.emberpay.local.demo.WebhookReceiver;
import io.emberpay.local.demo.WebhookSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The clients generated from docs/openapi.yaml (clients module) against the running
 * platform, as an app uses them: the Kotlin client (called from Java here) and the
 * TypeScript one (under node) save a card, pay with an Idempotency-Key, send the same
 * request again as after a lost response and get the same payment, read it back, and get
 * a typed problem for bad input; the merchant's webhook delivery of that payment is
 * verified by the samples of docs/webhooks.md in every language. They share the platform
 * the other end-to-end tests started, so they cost seconds. A runtime that is not
 * installed (node, python3) skips its part and says so.
 */
class GeneratedClientPlatformTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static RunningPlatform platform;

	private static PlatformFixture fixture;

	@BeforeAll
	static void startPlatform() throws Exception {
		platform = RunningPlatform.get();
		fixture = PlatformFixture.create(platform.gatewayUrl());
	}

	@Test
	void theKotlinClientPaysOnceForARetriedRequestAndTypesTheProblemOfBadInput() throws Exception {
		PaymentMethodControllerApi paymentMethods = signedIn(
				new PaymentMethodControllerApi(platform.gatewayUrl(), ApiClient.getDefaultClient()),
				fixture.accessToken());
		AuthorizationControllerApi authorizations = signedIn(
				new AuthorizationControllerApi(platform.gatewayUrl(), ApiClient.getDefaultClient()),
				fixture.accessToken());
		PaymentControllerApi payments = signedIn(
				new PaymentControllerApi(platform.gatewayUrl(), ApiClient.getDefaultClient()), fixture.accessToken());

		PaymentMethodView card = unlessBusy(() -> paymentMethods.paymentCreate4(new PaymentMethodRequest("card", null,
				new NewCard("123", 12, 2034, "4242424242424242"), null, null, null, null), null, null));
		String idempotencyKey = UUID.randomUUID().toString();
		PaymentView paid = unlessBusy(
				() -> authorizations.paymentCreate3(idempotencyKey, payment(1250, card.getId()), null, null));
		PaymentView retried = unlessBusy(
				() -> authorizations.paymentCreate3(idempotencyKey, payment(1250, card.getId()), null, null));
		PaymentView readBack = unlessBusy(() -> payments.paymentGet4(paid.getId(), null));
		String badKey = UUID.randomUUID().toString();
		ClientException refused = catchThrowableOfType(ClientException.class,
				() -> unlessBusy(() -> authorizations.paymentCreate3(badKey, payment(-5, card.getId()), null, null)));
		Problem problem = ApiProblems.of(refused);

		assertThat(card.getId()).startsWith("pm_");
		assertThat(retried.getId()).as("the same payment, not a second one").isEqualTo(paid.getId());
		assertThat(readBack.getAmount()).isEqualTo(1250L);
		assertThat(readBack.getCurrency()).isEqualTo("USD");
		assertThat(readBack.getStatus()).isEqualTo(paid.getStatus());
		assertThat(refused.getStatusCode()).isEqualTo(400);
		assertThat(problem.getCode()).isEqualTo("invalid_amount");
		assertThat(problem.getParam()).isEqualTo("amount");
	}

	@Test
	void theTypeScriptClientPaysOnceForARetriedRequestAndTypesTheProblemOfBadInput() throws Exception {
		Path client = OpenApiDocument.committed()
			.getParent()
			.resolveSibling("clients/target/generated-sources/typescript/dist");
		assumeTrue(installed("node"), () -> notice("node is not installed: the TypeScript client's test not run"));
		assumeTrue(Files.isRegularFile(client.resolve("index.js")), () -> notice(
				"the TypeScript client was not built (no npm or TypeScript when clients was built): its test not run"));

		JsonNode result = JSON.readTree(run(List.of("node", "src/test/node/typescript-client-e2e.mjs",
				client.toString(), platform.gatewayUrl(), fixture.accessToken(), fixture.merchantId()), null));

		assertThat(result.path("card").asString()).startsWith("pm_");
		assertThat(result.path("retried").asString()).isEqualTo(result.path("payment").asString());
		assertThat(result.path("read_back").path("id").asString()).isEqualTo(result.path("payment").asString());
		assertThat(result.path("read_back").path("amount").asLong()).isEqualTo(1250);
		assertThat(result.path("problem").path("status").asInt()).isEqualTo(400);
		assertThat(result.path("problem").path("code").asString()).isEqualTo("invalid_amount");
		assertThat(result.path("problem").path("param").asString()).isEqualTo("amount");
	}

	@Test
	void aRealDeliveryIsVerifiedByTheSampleOfEveryLanguage() throws Exception {
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			WebhookEndpointView endpoint = signedIn(
					new WebhookEndpointControllerApi(platform.gatewayUrl(), ApiClient.getDefaultClient()),
					fixture.apiKey())
				.notificationCreate(new Create(List.of("payment.succeeded"), receiver.url(), "samples"), null);
			AuthorizationControllerApi authorizations = signedIn(
					new AuthorizationControllerApi(platform.gatewayUrl(), ApiClient.getDefaultClient()),
					fixture.accessToken());
			String key = UUID.randomUUID().toString();
			PaymentView paid = unlessBusy(
					() -> authorizations.paymentCreate3(key, payment(990, fixture.paymentMethod()), null, null));
			WebhookReceiver.Delivery delivery = await("the payment's signed delivery").atMost(Duration.ofSeconds(60))
				.until(() -> receiver.deliveries()
					.stream()
					.filter((d) -> d.body().contains("\"payment.succeeded\"") && d.body().contains(paid.getId()))
					.findFirst(), Optional::isPresent)
				.orElseThrow();
			String secret = endpoint.getSecret();

			assertThat(WebhookSignature.verifies(secret, delivery.id(), delivery.timestamp(), delivery.body(),
					delivery.signature()))
				.as("Java")
				.isTrue();
			assertThat(new WebhookSignatures(secret, Duration.ofMinutes(5)).verify(delivery.id(), delivery.timestamp(),
					delivery.signature(), delivery.body().getBytes(StandardCharsets.UTF_8), Instant.now()))
				.as("Kotlin")
				.isTrue();
			for (String sample : List.of("python3 ../docs/samples/verify_webhook.py",
					"node ../docs/samples/verify-webhook.mjs")) {
				List<String> command = List.of(sample.split(" "));
				if (!installed(command.get(0))) {
					notice(command.get(0) + " is not installed: " + command.get(1) + " not run on a real delivery");
					continue;
				}
				assertThat(run(command, delivery(secret, delivery))).as(sample).isEqualTo("verified");
				assertThat(run(command, delivery(secret, tampered(delivery)))).as(sample + ", tampered body")
					.isEqualTo("rejected");
			}
		}
	}

	/**
	 * The call's answer, asked again with the same arguments (so the same
	 * Idempotency-Key) while the platform sheds load with a 503 or 429, as an app does: a
	 * busy test machine must not fail the test.
	 */
	private static <T> T unlessBusy(Callable<T> call) {
		return await("an answer other than 503 or 429").pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(60))
			.until(() -> {
				try {
					return Optional.of(call.call());
				}
				catch (ServerException ex) {
					if (ex.getStatusCode() == 503) {
						return Optional.<T>empty();
					}
					throw ex;
				}
				catch (ClientException ex) {
					if (ex.getStatusCode() == 429) {
						return Optional.<T>empty();
					}
					throw ex;
				}
			}, Optional::isPresent)
			.get();
	}

	private static <T extends ApiClient> T signedIn(T api, String token) {
		api.setAccessTokenProvider(() -> token);
		return api;
	}

	private static CreatePaymentRequest payment(long amount, String paymentMethod) {
		return new CreatePaymentRequest(amount, "USD", paymentMethod, null, null, null, null, fixture.merchantId(),
				null, null, null);
	}

	private static WebhookReceiver.Delivery tampered(WebhookReceiver.Delivery delivery) {
		return new WebhookReceiver.Delivery(delivery.id(), delivery.timestamp(), delivery.signature(),
				delivery.body().replace("990", "1"), delivery.receivedAt());
	}

	/** What the samples read on stdin when run as scripts (docs/samples). */
	private static String delivery(String secret, WebhookReceiver.Delivery delivery) {
		return JSON.createObjectNode()
			.put("secret", secret)
			.put("webhook_id", delivery.id())
			.put("webhook_timestamp", delivery.timestamp())
			.put("webhook_signature", delivery.signature())
			.put("body", delivery.body())
			.toString();
	}

	/** Runs a program in local/ and answers what it printed. */
	private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		if (stdin != null) {
			process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
		}
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
		return output;
	}

	private static boolean installed(String program) {
		try {
			Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** A skip says why on the build's output, not only in the report. */
	private static String notice(String message) {
		System.out.println("NOTICE: " + message);
		return message;
	}

}
