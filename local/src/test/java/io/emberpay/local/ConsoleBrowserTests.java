package io.emberpay.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.emberpay.local.demo.GatewayClient;
import io.emberpay.testkit.SharedKafka;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium, through the gateway of the running platform: a
 * merchant sees a payment arrive, refunds it, registers a webhook endpoint, sees the
 * failed delivery and sends the event again; the first operator, made by the bootstrap,
 * enrols TOTP and approves a merchant for live mode. Skipped, with a notice, where
 * Chromium and its driver are not installed ({@code .ci/run} installs them). Tagged
 * {@code soak} until it has passed on a quiet machine:
 * {@code ./mvnw -pl local verify -Psoak -Dtest=ConsoleBrowserTests -Demberpay.docs.write=true}.
 */
@Tag("soak")
class ConsoleBrowserTests {

	private static RunningPlatform platform;

	@BeforeAll
	static void platform() throws Exception {
		Assumptions.assumeTrue(ConsoleBrowser.installed(),
				"NOTICE: chromium and chromium-driver are not installed; the console's browser tests are skipped");
		platform = RunningPlatform.get();
	}

	@Test
	void merchantSeesAPaymentRefundsItAndFollowsItsWebhookDeliveries() throws Exception {
		PlatformFixture fixture = PlatformFixture.create(platform.gatewayUrl());
		GatewayClient gateway = fixture.gateway();
		String payment = gateway
			.postOnce("/v1/payments",
					Map.of("amount", 2599, "currency", "EUR", "merchant", fixture.merchantId(), "payment_method",
							fixture.paymentMethod(), "device_id", "e2e-console"),
					fixture.accessToken())
			.expect(201, "payment")
			.text("id");

		try (ConsoleBrowser browser = ConsoleBrowser.open(platform.gatewayUrl())) {
			browser.go("/payments");
			assertThat(browser.path()).startsWith("/sign-in");
			browser.type("api_key", fixture.apiKey());
			browser.click("form[action$='/sign-in/key'] button");
			assertThat(browser.path()).isEqualTo("/payments");
			assertThat(browser.text()).contains("Test mode", payment, "€25.99").doesNotContain("2599");
			browser.screenshot("payments");
			browser.phoneScreenshot("payments-phone");

			browser.click("a[href$='/payments/" + payment + "']");
			assertThat(browser.text()).contains("Fraud screening", "Timeline", "visa ••4242");
			browser.screenshot("payment");
			browser.click("#refund-link");
			browser.type("amount", "10.00");
			browser.screenshot("refund-confirmation");
			browser.click("#confirm");
			assertThat(browser.text()).contains("The refund was made.");
			assertThat(browser.find("#amount-refunded").getText()).isEqualTo("€10.00");

			browser.go("/balance");
			assertThat(browser.text()).contains("Balance history");
			browser.screenshot("balance");

			browser.go("/webhooks");
			browser.type("url", "http://127.0.0.1:9/emberpay");
			browser.click("form[action$='/webhooks'] button[type=submit]");
			assertThat(browser.text()).contains("Copy this secret now");
			assertThat(browser.find("#revealed-secret").getText()).startsWith("whsec_");

			browser.go("/events");
			browser.reloadUntil(() -> browser.text().contains("refund.succeeded"), Duration.ofSeconds(60));
			browser.click("tr:first-child form[action$='/redeliver'] button");
			assertThat(browser.text()).contains("queued for delivery again");
			browser.screenshot("events");

			browser.go("/webhooks");
			browser.click("a[href*='/webhooks/we_']");
			browser.click("#send-test-event");
			assertThat(browser.text()).contains("is on its way");
			browser.reloadUntil(() -> browser.text().contains("failed"), Duration.ofSeconds(60));
			browser.screenshot("webhook-attempts");

			// another merchant's payment is not there for this one
			browser.go("/payments/pay_" + UUID.randomUUID().toString().replace("-", ""));
			assertThat(browser.title()).startsWith("Not found");
		}
	}

	@Test
	void bootstrappedOperatorEnrolsTotpThenApprovesAMerchantForLive() throws Exception {
		String email = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.test";
		String password = "first operator passphrase " + UUID.randomUUID();
		bootstrap(email, password);
		String merchant = new GatewayClient(platform.gatewayUrl())
			.post("/v1/merchants", Map.of("name", "Going Live", "email", "live-" + email), null)
			.expect(201, "merchant sign-up")
			.text("id");

		try (ConsoleBrowser browser = ConsoleBrowser.open(platform.gatewayUrl())) {
			signIn(browser, email, password);
			assertThat(browser.path()).isEqualTo("/enrol");
			browser.go("/operator/merchants");
			assertThat(browser.title()).as("no operator page before TOTP").startsWith("Not allowed");
			browser.go("/enrol");
			browser.screenshot("operator-enrol");
			TotpCodes authenticator = new TotpCodes(browser.find("#totp-secret").getText());
			long step = TotpCodes.currentStep();
			browser.type("code", authenticator.at(step));
			browser.click("form[action$='/enrol'] button");
			assertThat(browser.find("#recovery-codes").getText()).isNotBlank();

			signIn(browser, email, password);
			assertThat(browser.path()).isEqualTo("/sign-in/code");
			browser.type("code", authenticator.at(step + 1));
			browser.click("form[action$='/sign-in/code'] button");
			assertThat(browser.path()).isEqualTo("/operator/merchants");
			browser.type("merchant", merchant);
			browser.click("form[role=search] button");
			assertThat(browser.find("#live-mode").getText()).isEqualTo("not approved");
			browser.click("#approve-live");
			assertThat(browser.text()).contains("Live mode is approved");
			assertThat(browser.find("#live-mode").getText()).isEqualTo("approved");
			browser.screenshot("operator-merchant");
			browser.go("/operator/acquirers");
			assertThat(browser.text()).contains("psp-a", "psp-b");
			browser.screenshot("operator-acquirers");
			browser.go("/operator/fraud");
			assertThat(browser.text()).contains("Not available yet");
		}
	}

	private static void signIn(ConsoleBrowser browser, String email, String password) {
		browser.signOut();
		browser.go("/sign-in");
		browser.type("email", email);
		browser.type("password", password);
		browser.click("form[action$='/sign-in/password'] button");
	}

	/**
	 * {@code ./platform operator create} against this test's platform, with a chosen
	 * password.
	 */
	private static void bootstrap(String email, String password) throws Exception {
		Path repository = Path.of(System.getProperty("emberpay.repo", "..")).toAbsolutePath().normalize();
		List<String> command = PlatformLauncher.operatorCommand(repository, platform.topology(),
				SharedKafka.bootstrapServers(), email);
		Path log = Files.createTempFile("operator-bootstrap", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("EMBERPAY_OPERATOR_PASSWORD", password);
		Process process = builder.start();
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("bootstrap finished").isTrue();
		assertThat(process.exitValue()).as(Files.readString(log)).isZero();
		assertThat(Files.readString(log)).contains("Created operator " + email);
	}

}
