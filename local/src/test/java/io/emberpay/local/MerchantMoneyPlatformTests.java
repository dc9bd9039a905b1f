package io.emberpay.local;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;

import io.emberpay.local.demo.GatewayClient;
import io.emberpay.local.demo.WebhookReceiver;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 24's merchant money end to end through the gateway, the PSP simulator and every
 * service: payments become available after the (locally short) delay, a payout pays them
 * out and the balance returns to zero; a payout to a failing bank account returns its
 * funds; a payment on the dispute test card is disputed (amount plus fee leave the
 * balance), answered with evidence and won (they return); another dispute is lost (they
 * stay gone). The merchant's webhook arrives for each step and the ledger's integrity
 * check is ok after every step. Each test has its own merchant, so each balance is the
 * test's alone.
 */
class MerchantMoneyPlatformTests {

	private static final String VISA = "4242424242424242";

	private static final String DISPUTED_CARD = "4000000000000259";

	/** Stripe's test bank account that is paid, and one that has no account. */
	private static final String ACCOUNT_PAID = "000123456789";

	private static final String ACCOUNT_FAILS = "000111111116";

	private static RunningPlatform platform;

	private static GatewayClient gateway;

	private static WebhookReceiver receiver;

	private static String token;

	@BeforeAll
	static void startPlatform() throws Exception {
		platform = RunningPlatform.get();
		gateway = new GatewayClient(platform.gatewayUrl());
		receiver = WebhookReceiver.start();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "money-" + suffix + "@e2e.test";
		String password = "a long money password " + suffix;
		gateway.post("/v1/auth/signup", Map.of("email", email, "password", password), null).expect(201, "sign-up");
		token = gateway
			.post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", "money-" + suffix), null)
			.expect(200, "login")
			.text("access_token");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void paymentsBecomeAvailableAndAPayoutPaysThemOutToAZeroBalance() throws Exception {
		Shop shop = Shop.open();
		shop.addBankAccount(ACCOUNT_PAID);
		String card = save(VISA);
		String first = pay(shop, card, 5000);
		String second = pay(shop, card, 3000);
		long net = netOf(shop, first, n -> n > 0) + netOf(shop, second, n -> n > 0);
		assertThat(net).as("both payments, net of fees").isBetween(1L, 8000L);
		assertIntegrity("after the payments");

		// after the availability delay every cent of them is available, none pending
		long available = awaitBalance(shop, "available", a -> a == net);
		assertThat(awaitBalance(shop, "pending", p -> p == 0)).isZero();

		JsonNode payout = gateway.postOnce("/v1/payouts", Map.of("amount", available, "currency", "USD"), shop.apiKey())
			.expect(201, "payout")
			.json();
		String payoutId = payout.path("id").asString();
		assertThat(payoutId).startsWith("po_");
		awaitMerchantWebhook("payout.created", payoutId);
		assertThat(awaitBalance(shop, "available", a -> a == 0)).as("a payout in transit is no longer available")
			.isZero();
		assertIntegrity("with the payout in transit");

		awaitPayout(shop, payoutId, "paid");
		awaitMerchantWebhook("payout.paid", payoutId);
		assertThat(awaitBalance(shop, "available", a -> a == 0)).isZero();
		assertThat(awaitBalance(shop, "pending", p -> p == 0)).isZero();
		assertIntegrity("after the payout was paid");
	}

	@Test
	void aFailedPayoutReturnsItsFunds() throws Exception {
		Shop shop = Shop.open();
		shop.addBankAccount(ACCOUNT_FAILS);
		long net = netOf(shop, pay(shop, save(VISA), 4000), n -> n > 0);
		long available = awaitBalance(shop, "available", a -> a == net);
		assertThat(awaitBalance(shop, "pending", p -> p == 0)).isZero();

		String payoutId = gateway.postOnce("/v1/payouts", Map.of("amount", available, "currency", "USD"), shop.apiKey())
			.expect(201, "payout")
			.text("id");
		awaitMerchantWebhook("payout.created", payoutId);
		assertIntegrity("with the failing payout in transit");

		JsonNode failed = awaitPayout(shop, payoutId, "failed");
		assertThat(failed.path("failure_code").asString()).isEqualTo("no_account");
		awaitMerchantWebhook("payout.failed", payoutId);
		assertThat(awaitBalance(shop, "available", a -> a == available)).as("the failed payout's funds return")
			.isEqualTo(available);
		assertIntegrity("after the payout failed");
	}

	@Test
	void theDisputeTestCardIsDisputedAnsweredWithEvidenceAndWonReturningAmountAndFee() throws Exception {
		Shop shop = Shop.open();
		String paymentId = pay(shop, save(DISPUTED_CARD), 6000);
		long paymentNet = netOf(shop, paymentId, n -> n > 0);

		// the simulator's cardholder disputes the payment shortly after its capture
		JsonNode dispute = awaitDispute(shop, paymentId);
		String disputeId = dispute.path("id").asString();
		long amount = dispute.path("amount").asLong();
		long fee = dispute.path("fee").asLong();
		assertThat(amount).isEqualTo(6000);
		assertThat(dispute.path("status").asString()).isEqualTo("needs_response");
		awaitMerchantWebhook("dispute.created", disputeId);
		assertThat(netOf(shop, disputeId, n -> n == -(amount + fee))).isEqualTo(-(amount + fee));
		assertThat(awaitTotal(shop, t -> t == paymentNet - amount - fee)).as("amount and fee leave the balance")
			.isEqualTo(paymentNet - amount - fee);
		assertIntegrity("after the dispute opened");

		JsonNode answered = gateway
			.postOnce("/v1/disputes/" + disputeId,
					Map.of("evidence", Map.of("uncategorized_text", "Delivered and signed for; tracking attached")),
					shop.apiKey())
			.expect(200, "evidence")
			.json();
		assertThat(answered.path("status").asString()).isEqualTo("under_review");
		awaitMerchantWebhook("dispute.updated", disputeId);
		assertIntegrity("after the evidence");

		String psp = acquirerOf(paymentId);
		decide(psp, simulatorDisputeOf(psp, paymentId), "won");

		awaitDisputeStatus(shop, disputeId, "won");
		awaitMerchantWebhook("dispute.closed", disputeId);
		assertThat(awaitTotal(shop, t -> t == paymentNet)).as("a won dispute returns amount and fee")
			.isEqualTo(paymentNet);
		assertThat(netOf(shop, disputeId, n -> n == 0)).isZero();
		assertIntegrity("after the dispute was won");
	}

	@Test
	void aLostDisputeKeepsAmountAndFeeWithdrawn() throws Exception {
		Shop shop = Shop.open();
		String paymentId = pay(shop, save(VISA), 2500);
		long paymentNet = netOf(shop, paymentId, n -> n > 0);

		String psp = acquirerOf(paymentId);
		ApiClient.Response opened = simulator().post(
				"/admin/" + psp + "/authorizations/" + authorizationOf(psp, paymentId) + "/disputes",
				Map.of("reason", "product_not_received"));
		assertThat(opened.status()).as(opened.body()).isEqualTo(200);
		JsonNode dispute = awaitDispute(shop, paymentId);
		String disputeId = dispute.path("id").asString();
		long lost = dispute.path("amount").asLong() + dispute.path("fee").asLong();
		awaitMerchantWebhook("dispute.created", disputeId);
		assertThat(awaitTotal(shop, t -> t == paymentNet - lost)).isEqualTo(paymentNet - lost);
		assertIntegrity("after the second dispute opened");

		decide(psp, opened.text("id"), "lost");

		awaitDisputeStatus(shop, disputeId, "lost");
		awaitMerchantWebhook("dispute.closed", disputeId);
		assertThat(awaitTotal(shop, t -> t == paymentNet - lost)).as("a lost dispute keeps them gone")
			.isEqualTo(paymentNet - lost);
		assertIntegrity("after the dispute was lost");
	}

	/** A merchant of its own, with a webhook endpoint for every money event. */
	private record Shop(String merchant, String apiKey) {

		static Shop open() {
			String suffix = UUID.randomUUID().toString().substring(0, 8);
			JsonNode shop = gateway
				.post("/v1/merchants",
						Map.of("name", "Money Shop " + suffix, "email", "money-shop-" + suffix + "@e2e.test"), null)
				.expect(201, "merchant sign-up")
				.json();
			Shop opened = new Shop(shop.path("id").asString(), shop.path("api_key").asString());
			gateway
				.post("/v1/webhook_endpoints",
						Map.of("url", receiver.url(), "events",
								List.of("payout.created", "payout.paid", "payout.failed", "dispute.created",
										"dispute.updated", "dispute.closed")),
						opened.apiKey())
				.expect(201, "webhook endpoint");
			return opened;
		}

		void addBankAccount(String accountNumber) {
			gateway
				.postOnce("/v1/external_accounts",
						Map.of("type", "bank_account", "bank_account", Map.of("country", "US", "currency", "USD",
								"routing_number", "110000000", "account_number", accountNumber)),
						this.apiKey)
				.expect(201, "bank account");
		}

	}

	private static String save(String number) {
		return gateway
			.post("/v1/payment_methods",
					Map.of("type", "card", "card",
							Map.of("number", number, "exp_month", 12, "exp_year", 2034, "cvc", "123")),
					token)
			.expect(201, "payment method")
			.text("id");
	}

	private static String pay(Shop shop, String paymentMethod, long amount) {
		JsonNode payment = gateway
			.postOnce("/v1/payments", Map.of("amount", amount, "currency", "USD", "merchant", shop.merchant(),
					"payment_method", paymentMethod, "capture_method", "automatic"), token)
			.expect(201, "payment")
			.json();
		assertThat(payment.path("status").asString()).isEqualTo("succeeded");
		return payment.path("id").asString();
	}

	/**
	 * The merchant's {@code available} or {@code pending} USD, once it meets the test.
	 */
	private static long awaitBalance(Shop shop, String kind, LongPredicate condition) {
		AtomicReference<Long> amount = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			amount.set(usd(gateway.get("/v1/balance", shop.apiKey()).expect(200, "balance").json().path(kind)));
			return condition.test(amount.get());
		});
		return amount.get();
	}

	/** Available plus pending USD, once it meets the test. */
	private static long awaitTotal(Shop shop, LongPredicate condition) {
		AtomicReference<Long> total = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			JsonNode balance = gateway.get("/v1/balance", shop.apiKey()).expect(200, "balance").json();
			total.set(usd(balance.path("available")) + usd(balance.path("pending")));
			return condition.test(total.get());
		});
		return total.get();
	}

	private static long usd(JsonNode amounts) {
		long total = 0;
		for (JsonNode amount : amounts) {
			if ("USD".equals(amount.path("currency").asString())) {
				total += amount.path("amount").asLong();
			}
		}
		return total;
	}

	/**
	 * The sum of the nets of the balance transactions whose source is {@code sourceId} (a
	 * payment's capture and its release to available, a dispute's withdrawal and its
	 * return), once there is one and the sum meets the test.
	 */
	private static long netOf(Shop shop, String sourceId, LongPredicate condition) {
		AtomicReference<Long> net = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			long sum = 0;
			boolean found = false;
			for (JsonNode transaction : gateway.get("/v1/balance_transactions?limit=100", shop.apiKey())
				.expect(200, "balance transactions")
				.json()
				.path("data")) {
				if (sourceId.equals(transaction.path("source").asString())) {
					found = true;
					sum += transaction.path("net").asLong();
				}
			}
			net.set(sum);
			return found && condition.test(sum);
		});
		return net.get();
	}

	private static JsonNode awaitDispute(Shop shop, String paymentId) {
		AtomicReference<JsonNode> found = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			for (JsonNode dispute : gateway.get("/v1/disputes?limit=100", shop.apiKey())
				.expect(200, "disputes")
				.json()
				.path("data")) {
				if (paymentId.equals(dispute.path("payment").asString())) {
					found.set(dispute);
					return true;
				}
			}
			return false;
		});
		return found.get();
	}

	private static void awaitDisputeStatus(Shop shop, String disputeId, String status) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> status
				.equals(gateway.get("/v1/disputes/" + disputeId, shop.apiKey()).expect(200, "dispute").text("status")));
	}

	private static JsonNode awaitPayout(Shop shop, String payoutId, String status) {
		AtomicReference<JsonNode> payout = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			payout.set(gateway.get("/v1/payouts/" + payoutId, shop.apiKey()).expect(200, "payout").json());
			return status.equals(payout.get().path("status").asString());
		});
		return payout.get();
	}

	/** Plays the card network: the acquirer decides its dispute. */
	private static void decide(String psp, String simulatorDisputeId, String outcome) {
		ApiClient.Response closed = simulator().post("/admin/" + psp + "/disputes/" + simulatorDisputeId + "/close",
				Map.of("status", outcome));
		assertThat(closed.status()).as(closed.body()).isEqualTo(200);
	}

	/**
	 * The acquirer's id of the dispute the simulator opened on its own: the day's
	 * settlement report lists it under the disputed payment.
	 */
	private static String simulatorDisputeOf(String psp, String paymentId) {
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> simulator().get("/" + psp + "/v1/settlements/" + today)
				.body()
				.lines()
				.filter(line -> line.contains(",dispute," + paymentId + ","))
				.map(line -> line.substring(0, line.indexOf(',')))
				.findFirst()
				.orElse(null), id -> id != null);
	}

	private static String acquirerOf(String paymentId) {
		for (String psp : List.of("psp-a", "psp-b")) {
			if (simulator().get("/" + psp + "/v1/authorizations?idempotency_key=" + paymentId + ".authorize")
				.status() == 200) {
				return psp;
			}
		}
		throw new AssertionError("no acquirer holds the authorization of " + paymentId);
	}

	private static String authorizationOf(String psp, String paymentId) {
		return simulator().get("/" + psp + "/v1/authorizations?idempotency_key=" + paymentId + ".authorize").text("id");
	}

	private static ApiClient simulator() {
		return new ApiClient(platform.topology().service("psp-simulator").url());
	}

	private static void awaitMerchantWebhook(String type, String objectId) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> receiver.deliveries()
				.stream()
				.anyMatch(d -> d.body().contains("\"" + type + "\"") && d.body().contains(objectId)));
	}

	private static void assertIntegrity(String step) throws IOException {
		ApiClient.Response integrity = new ApiClient(platform.topology().service("ledger").url())
			.withToken(platform.checkToken("ledger-service"))
			.get("/internal/v1/integrity");
		assertThat(integrity.json().get("ok").asBoolean()).as("ledger integrity %s: %s", step, integrity.body())
			.isTrue();
	}

}
