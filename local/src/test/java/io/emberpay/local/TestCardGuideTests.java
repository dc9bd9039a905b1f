package io.emberpay.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/test-cards.md, table by table, against the whole platform through the gateway:
 * each card the page lists does what the page says, so the guide cannot drift from the
 * simulator or the vault. Each card is paid by its own shopper (own device and address),
 * so fraud screening's velocity rules see ordinary traffic.
 */
class TestCardGuideTests {

	private static final Pattern ROW = Pattern.compile("(?m)^\\| (`[^|]*`(?: \\| [^|\\n]*)*) \\|$");

	private static final AtomicInteger SHOPPERS = new AtomicInteger();

	private static String gatewayUrl;

	private static String merchant;

	private static String guide;

	@BeforeAll
	static void startPlatform() throws Exception {
		gatewayUrl = RunningPlatform.get().gatewayUrl();
		merchant = PlatformFixture.create(gatewayUrl).merchantId();
		guide = Files.readString(repositoryRoot().resolve("docs/test-cards.md"));
	}

	@Test
	void cardsThatPaySucceedWithTheirBrand() {
		List<List<String>> cards = rows("## Cards that pay");

		assertThat(cards).hasSizeGreaterThanOrEqualTo(4).allSatisfy((row) -> {
			ApiClient shopper = newShopper();
			ApiClient.Response card = saveCard(shopper, row.get(0), 12, 2034, row.get(2));
			assertThat(card.status()).as("saving %s", row.get(0)).isEqualTo(201);
			assertThat(card.json().path("card").path("brand").asString()).isEqualTo(row.get(1));

			ApiClient.Response payment = pay(shopper, card.text("id"));
			assertThat(payment.status()).as("paying with %s: %s", row.get(0), payment.body()).isEqualTo(201);
			assertThat(payment.text("status")).isEqualTo("succeeded");
		});
	}

	@Test
	void cardsTheIssuerDeclinesAnswerCardDeclinedWithTheirDeclineCode() {
		List<List<String>> cards = rows("## Cards the issuer declines");

		assertThat(cards).hasSizeGreaterThanOrEqualTo(8).allSatisfy((row) -> {
			ApiClient shopper = newShopper();
			ApiClient.Response card = saveCard(shopper, row.get(0), 12, 2034, "123");
			assertThat(card.status()).as("saving %s", row.get(0)).isEqualTo(201);

			ApiClient.Response declined = pay(shopper, card.text("id"));
			assertThat(declined.status()).as("paying with %s: %s", row.get(0), declined.body()).isEqualTo(402);
			assertThat(declined.text("code")).isEqualTo("card_declined");
			assertThat(declined.text("decline_code")).isEqualTo(row.get(1));
			ApiClient.Response payment = shopper.get("/v1/payments/" + declined.text("payment"));
			assertThat(payment.text("status")).isEqualTo("failed");
			assertThat(payment.text("failure_code")).isEqualTo(row.get(1));
		});
	}

	@Test
	void cardsRefusedWhenSavedAnswerTheirCode() {
		List<List<String>> cards = rows("## Cards refused when saved");
		ApiClient shopper = newShopper();

		assertThat(cards).hasSizeGreaterThanOrEqualTo(4).allSatisfy((row) -> {
			String[] expiry = row.get(1).split("/");
			ApiClient.Response refused = saveCard(shopper, row.get(0), Integer.parseInt(expiry[0]),
					Integer.parseInt(expiry[1]), row.get(2));

			assertThat(refused.status()).as("%s %s %s", row.get(0), row.get(1), row.get(2)).isEqualTo(400);
			assertThat(refused.text("code")).as("%s %s %s", row.get(0), row.get(1), row.get(2)).isEqualTo(row.get(3));
		});
		assertThat(shopper.get("/v1/payment_methods").json().path("data").size()).as("nothing was stored").isZero();
	}

	/** A new user on their own device and address, logged in. */
	private static ApiClient newShopper() {
		int n = SHOPPERS.incrementAndGet();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		// 198.18.0.0/15 is the benchmarking range (RFC 2544); this test's shoppers use a
		// corner of it
		ApiClient anonymous = new ApiClient(gatewayUrl).withHeader("X-Forwarded-For", "198.19.250." + n);
		String email = "cards-" + suffix + "@e2e.test";
		String password = "a long test-card password " + suffix;
		assertThat(anonymous.post("/v1/auth/signup", Map.of("email", email, "password", password)).status())
			.isEqualTo(201);
		ApiClient.Response login = anonymous.post("/v1/auth/login",
				Map.of("email", email, "password", password, "device_id", "cards-" + suffix));
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		return anonymous.withToken(login.text("access_token"));
	}

	private static ApiClient.Response saveCard(ApiClient shopper, String number, int expMonth, int expYear,
			String cvc) {
		return shopper.post("/v1/payment_methods", Map.of("type", "card", "card",
				Map.of("number", number, "exp_month", expMonth, "exp_year", expYear, "cvc", cvc)));
	}

	/**
	 * Pays 25.00 USD, retrying a refusal that did nothing (503 or 429, as a platform just
	 * started may answer while it warms up) with the same Idempotency-Key, as an app
	 * does.
	 */
	private static ApiClient.Response pay(ApiClient shopper, String paymentMethod) {
		Map<String, Object> body = Map.of("amount", 2500, "currency", "USD", "merchant", merchant, "payment_method",
				paymentMethod);
		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		AtomicReference<ApiClient.Response> answer = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			answer.set(shopper.post("/v1/payments", body, key));
			return answer.get().status() != 503 && answer.get().status() != 429;
		});
		return answer.get();
	}

	/** The cells of the first table after {@code heading}, code quotes removed. */
	private static List<List<String>> rows(String heading) {
		int start = guide.indexOf(heading + "\n");
		assertThat(start).as("docs/test-cards.md has the section %s", heading).isNotNegative();
		int end = guide.indexOf("\n## ", start + heading.length());
		String section = guide.substring(start, (end < 0) ? guide.length() : end);
		List<List<String>> rows = new ArrayList<>();
		Matcher matcher = ROW.matcher(section);
		while (matcher.find()) {
			List<String> cells = new ArrayList<>();
			for (String cell : matcher.group(1).split(" \\| ")) {
				cells.add(cell.strip().replace("`", ""));
			}
			rows.add(cells);
		}
		return rows;
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs")))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("the repository root").isNotNull();
		return dir;
	}

}
