package io.emberpay.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.emberpay.local.demo.GatewayClient;
import io.emberpay.testkit.SharedKafka;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium, through the gateway of the running platform: a
 * merchant signs up, sees a payment arrive, refunds it, registers a webhook endpoint,
 * sends a test event, sees the failed delivery and replays an event; the first operator,
 * made by the bootstrap, enrols TOTP, approves a merchant for live mode, approves a
 * payment in the fraud review queue, drains an acquirer and sees payments go to the
 * other; a merchant invites a teammate by e-mail, who accepts, signs in with TOTP and
 * sees the merchant's payments. Skipped, with a notice, where Chromium and its driver are
 * not installed ({@code .ci/run} installs them). Part of the default build: on the
 * platform the other end-to-end tests start anyway, the class took 411 s on two busy
 * cores, 256 s of it the platform's start. Retake the screenshots of
 * {@code docs/console/} with
 * {@code ./mvnw -pl local verify -Dtest=ConsoleBrowserTests -Demberpay.docs.write=true}.
 */
class ConsoleBrowserTests {

	/**
	 * Deliveries, events and the payment list are asynchronous; a loaded machine is slow.
	 */
	private static final Duration ASYNC = Duration.ofSeconds(90);

	/** Mails take a notice's first attempt and an SMTP exchange: seconds. */
	private static final Duration MAIL = Duration.ofSeconds(60);

	private static final Pattern VERIFICATION_LINK = Pattern.compile("/verify-email#token=([A-Za-z0-9_-]+)");

	private static final Pattern INVITATION_LINK = Pattern.compile("/console/invitations/([A-Za-z0-9_-]+)");

	private static RunningPlatform platform;

	/**
	 * Where notification-service sends the platform's e-mails, when this class starts the
	 * platform.
	 */
	private static MailSink mail;

	@BeforeAll
	static void platform() throws Exception {
		Assumptions.assumeTrue(ConsoleBrowser.installed(),
				"NOTICE: chromium and chromium-driver are not installed; the console's browser tests are skipped");
		mail = MailSink.start();
		Map<String, List<String>> settings = RunningPlatform.endToEndSettings(PlatformLauncher.localSettings());
		settings.computeIfAbsent("notification", service -> new ArrayList<>())
			.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.port()));
		platform = RunningPlatform.get(settings);
	}

	@Test
	void merchantInvitesATeammateWhoAcceptsSignsInWithTotpAndSeesPayments() throws Exception {
		GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String teammate = "teammate-" + suffix + "@e2e.test";
		String password = "a long teammate password " + suffix;
		gateway.post("/v1/auth/signup", Map.of("email", teammate, "password", password), null)
			.expect(201, "teammate sign-up");
		String verification;
		try {
			verification = mail.link(teammate, VERIFICATION_LINK, MAIL);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			Assumptions.abort("NOTICE: the platform was started by another test class, without this class's mail "
					+ "sink; the team journey needs the e-mails");
			return;
		}
		gateway.post("/v1/auth/email/verify", Map.of("token", verification), null).expect(204, "e-mail confirmed");
		String access = gateway.post("/v1/auth/login", Map.of("email", teammate, "password", password), null)
			.expect(200, "teammate login")
			.text("access_token");
		TotpCodes authenticator = new TotpCodes(
				gateway.post("/v1/auth/mfa/totp", null, access).expect(201, "TOTP enrolment").text("secret"));
		long step = TotpCodes.currentStep();
		gateway.post("/v1/auth/mfa/totp/activate", Map.of("code", authenticator.at(step)), access)
			.expect(200, "TOTP activated");

		try (ConsoleBrowser admin = ConsoleBrowser.open(platform.gatewayUrl());
				ConsoleBrowser member = ConsoleBrowser.open(platform.gatewayUrl())) {
			admin.go("/sign-up");
			admin.type("name", "Team Shop " + suffix);
			admin.type("email", "team-" + suffix + "@e2e.test");
			admin.click("#sign-up");
			String apiKey = admin.find("#revealed-secret").getText();
			String merchant = gateway.get("/v1/merchants/me", apiKey).expect(200, "merchant").text("id");
			String payment = Payer.create(gateway, "team-" + suffix)
				.pay(gateway, merchant, 4200, "EUR", "e2e-team-" + suffix);

			// the merchant's key acts as its admin until the team has one
			admin.go("/team");
			admin.type("invite-email", teammate);
			admin.click("#send-invitation");
			assertThat(admin.text()).contains("The invitation is on its way", teammate);
			String invitation = mail.link(teammate, INVITATION_LINK, MAIL);

			member.go("/invitations/" + invitation);
			member.click("#accept-invitation");
			assertThat(member.path()).isEqualTo("/sign-in");
			member.type("email", teammate);
			member.type("password", password);
			member.click("form[action$='/sign-in/password'] button");
			assertThat(member.path()).isEqualTo("/sign-in/code");
			member.type("code", authenticator.at(step + 1));
			member.click("form[action$='/sign-in/code'] button");
			assertThat(member.path()).isEqualTo("/payments");
			assertThat(member.text()).contains("You joined the team", "Team Shop " + suffix, "Your role: view only",
					"Test mode");
			member.reloadUntil(() -> member.text().contains(payment), ASYNC);
			assertThat(member.has("a[href$='/team']")).as("the team is for admins").isFalse();

			admin.go("/team");
			assertThat(admin.text()).contains(teammate, "view only");
			admin.screenshot("team");
		}
	}

	@Test
	void merchantSignsUpSeesAPaymentRefundsItAndReplaysAFailedWebhookDelivery() throws Exception {
		GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		try (ConsoleBrowser browser = ConsoleBrowser.open(platform.gatewayUrl())) {
			browser.go("/payments");
			assertThat(browser.path()).startsWith("/sign-in");
			browser.click("#sign-up-link");
			browser.type("name", "Console Shop " + suffix);
			browser.type("email", "console-" + suffix + "@e2e.test");
			browser.screenshot("sign-up");
			browser.click("#sign-up");
			assertThat(browser.path()).isEqualTo("/payments");
			assertThat(browser.text()).contains("Copy this secret now", "Test mode");
			String apiKey = browser.find("#revealed-secret").getText();
			assertThat(apiKey).startsWith("sk_test_");
			String merchant = gateway.get("/v1/merchants/me", apiKey).expect(200, "merchant").text("id");
			browser.go("/payments");
			assertThat(browser.text()).as("the key is shown once").doesNotContain(apiKey);

			Payer payer = Payer.create(gateway, suffix);
			String payment = payer.pay(gateway, merchant, 2599, "EUR", "e2e-console-" + suffix);
			browser.reloadUntil(() -> browser.text().contains(payment), ASYNC);
			assertThat(browser.text()).contains("€25.99").doesNotContain("2599");
			browser.screenshot("payments");
			browser.phoneScreenshot("payments-phone");
			fitsAPhone(browser);

			browser.click("a[href$='/payments/" + payment + "']");
			assertThat(browser.text()).contains("Fraud screening", "Timeline", "visa ••4242");
			browser.reloadUntil(() -> browser.has("#refund-link") && browser.has("#payment-acquirer"), ASYNC);
			// the current API version's risk, acquirer and routing reason
			assertThat(browser.find("#risk-score").getText()).matches("\\d+ / 100");
			String acquirer = browser.find("#payment-acquirer").getText();
			assertThat(acquirer).isIn("psp-a", "psp-b");
			assertThat(browser.find("#payment-routing-reason").getText()).isNotBlank();
			assertThat(browser.text()).contains("Routed to acquirer " + acquirer);
			browser.screenshot("payment");
			fitsAPhone(browser);
			browser.click("#refund-link");
			browser.type("amount", "10.00");
			browser.screenshot("refund-confirmation");
			browser.click("#confirm");
			assertThat(browser.text()).contains("The refund was made.");
			assertThat(browser.find("#amount-refunded").getText()).isEqualTo("€10.00");

			browser.go("/balance");
			assertThat(browser.text()).contains("Balance history");
			browser.screenshot("balance");
			fitsAPhone(browser);
			browser.go("/api-keys");
			fitsAPhone(browser);

			// port 9 (discard) is closed: every delivery to this endpoint fails
			browser.go("/webhooks");
			browser.type("url", "http://127.0.0.1:9/emberpay-" + suffix);
			browser.click("form[action$='/webhooks'] button[type=submit]");
			assertThat(browser.text()).contains("Copy this secret now");
			assertThat(browser.find("#revealed-secret").getText()).startsWith("whsec_");
			String endpointPage = browser.path();
			browser.click("#send-test-event");
			assertThat(browser.text()).contains("is on its way");
			Matcher sent = Pattern.compile("Test event (evt_[A-Za-z0-9_]+)").matcher(browser.text());
			assertThat(sent.find()).as("the notice names the test event").isTrue();
			String testEvent = sent.group(1);
			browser.reloadUntil(() -> browser.has("td[data-label=Result] .status.failed"), ASYNC);
			browser.screenshot("webhook-attempts");
			fitsAPhone(browser);

			// the failed test event itself is replayed: after its first retry (5 s) the
			// next
			// is minutes away, so an attempt beyond that is the replay's
			browser.reloadUntil(() -> browser.rowsWith(testEvent) >= 2, ASYNC);
			int attemptsBefore = browser.rowsWith(testEvent);
			browser.go("/events");
			browser.reloadUntil(() -> browser.rowsWith(testEvent) == 1, ASYNC);
			browser.clickInRow(testEvent, "form[action$='/redeliver'] button");
			assertThat(browser.text()).contains("queued for delivery again");
			browser.go(endpointPage);
			browser.reloadUntil(() -> browser.rowsWith(testEvent) > attemptsBefore, ASYNC);

			// the refund's event was made before the endpoint existed: replaying it sends
			// it there, and it fails
			browser.go("/events");
			browser.reloadUntil(() -> browser.text().contains("refund.succeeded"), ASYNC);
			String refundEvent = browser.textInRow("refund.succeeded", "td[data-label=Event] code");
			browser.clickInRow("refund.succeeded", "form[action$='/redeliver'] button");
			assertThat(browser.text()).contains("queued for delivery again");
			browser.screenshot("events");
			fitsAPhone(browser);
			browser.go(endpointPage);
			browser.reloadUntil(() -> browser.text().contains(refundEvent), ASYNC);
			browser.go("/webhooks");
			fitsAPhone(browser);

			// another merchant's payment is not there for this one
			PlatformFixture other = PlatformFixture.create(platform.gatewayUrl());
			String foreign = other.gateway()
				.postOnce("/v1/payments",
						Map.of("amount", 999, "currency", "EUR", "merchant", other.merchantId(), "payment_method",
								other.paymentMethod(), "device_id", "e2e-other-" + suffix),
						other.accessToken())
				.expect(201, "another merchant's payment")
				.text("id");
			browser.go("/payments/" + foreign);
			assertThat(browser.title()).startsWith("Not found");
			assertThat(browser.text()).doesNotContain("€9.99");

			// nor its webhook endpoint and events: pages and actions on them are 404s,
			// even
			// with a valid CSRF token of this session, and never 500s
			String foreignEndpoint = other.gateway()
				.post("/v1/webhook_endpoints",
						Map.of("url", "http://127.0.0.1:9/other-" + suffix, "events", List.of("*")), other.apiKey())
				.expect(201, "another merchant's webhook endpoint")
				.text("id");
			String foreignEvent = other.gateway()
				.post("/v1/webhook_endpoints/" + foreignEndpoint + "/test_event", null, other.apiKey())
				.expect(201, "another merchant's test event")
				.text("id");
			browser.go("/payments");
			assertThat(browser.request("GET", "/webhooks/" + foreignEndpoint)).isEqualTo(404);
			assertThat(browser.request("POST", "/webhooks/" + foreignEndpoint + "/test")).isEqualTo(404);
			assertThat(browser.request("POST", "/events/" + foreignEvent + "/redeliver")).isEqualTo(404);
			assertThat(browser.request("POST", "/payments/" + foreign + "/refund")).isEqualTo(404);
			// the same token on this merchant's own objects is accepted: the 404s are
			// about
			// ownership
			assertThat(browser.request("GET", "/payments/" + payment)).isEqualTo(200);
		}
	}

	/**
	 * Through the gateway, the console's pages carry the strict Content-Security-Policy
	 * and its session cookie keeps its flags.
	 */
	@Test
	void consoleHeadersSurviveTheGateway() throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> page = http.send(
					HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/console/sign-in")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
					csp -> assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
						.doesNotContain("unsafe-inline", "unsafe-eval"));
			assertThat(page.headers().allValues("Set-Cookie"))
				.anySatisfy(cookie -> assertThat(cookie).startsWith("EMBERPAY_CONSOLE=")
					.contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/console"));
		}
	}

	/** The page fits a phone's width: nothing scrolls sideways. */
	private static void fitsAPhone(ConsoleBrowser browser) {
		long[] widths = browser.phoneWidths();
		assertThat(widths[0]).as("%s: page width at phone size vs the window's", browser.path())
			.isLessThanOrEqualTo(widths[1]);
	}

	@Test
	void bootstrappedOperatorEnrolsTotpApprovesAMerchantForLiveAndAPaymentInReview() throws Exception {
		GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
		// a merchant approved for live takes live payments: the one whose payment is
		// reviewed stays in test
		String goingLive = gateway
			.post("/v1/merchants", Map.of("name", "Going Live", "email", "live-" + UUID.randomUUID() + "@e2e.test"),
					null)
			.expect(201, "merchant sign-up")
			.text("id");
		PlatformFixture shop = PlatformFixture.create(platform.gatewayUrl());

		try (ConsoleBrowser browser = ConsoleBrowser.open(platform.gatewayUrl())) {
			Operator operator = Operator.enrolled(browser, true);
			browser.type("merchant", goingLive);
			browser.click("form[aria-label='Find a merchant by id'] button");
			assertThat(browser.find("#live-mode").getText()).isEqualTo("not approved");
			browser.click("#approve-live");
			assertThat(browser.text()).contains("Live mode is approved");
			assertThat(browser.find("#live-mode").getText()).isEqualTo("approved");
			browser.screenshot("operator-merchant");

			String reviewed = paymentSentToReview(gateway, shop, operator.apiToken(gateway));
			browser.go("/operator/fraud");
			browser.reloadUntil(() -> browser.has("#review-" + reviewed), ASYNC);
			browser.screenshot("operator-fraud");
			browser.type("note-" + reviewed, "Called the customer: a genuine order.");
			browser.click("#review-" + reviewed + " button.approve");
			assertThat(browser.text()).contains("is approved");
			assertThat(browser.has("#review-" + reviewed)).isFalse();
			browser.go("/operator/audit");
			assertThat(browser.text()).contains("review.approve", reviewed);
			// the payer had no second factor for the step-up: the payment failed when it
			// was
			// made, and a verdict on its review comes too late to change it
			var payment = shop.gateway().get("/v1/payments/" + reviewed, shop.accessToken()).expect(200, "payment");
			assertThat(payment.text("status")).isEqualTo("failed");
			assertThat(payment.text("failure_code")).isEqualTo("authentication_required");
		}
	}

	/**
	 * Needs auth-service's operator endpoints for users ({@code GET /v1/users?email=},
	 * {@code POST /v1/users/{id}/lock} and {@code /unlock}) and ledger-service's
	 * {@code GET /v1/ledger/reconciliation_exceptions}.
	 */
	@Test
	void operatorLocksAndUnlocksAUserAndSeesReconciliationExceptions() throws Exception {
		GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
		String email = "locked-" + UUID.randomUUID() + "@e2e.test";
		String password = "correct horse battery staple e2e";
		String user = gateway.post("/v1/auth/signup", Map.of("email", email, "password", password), null)
			.expect(201, "user sign-up")
			.text("id");
		try (ConsoleBrowser browser = ConsoleBrowser.open(platform.gatewayUrl())) {
			Operator.enrolled(browser, false);
			browser.go("/operator/users");
			browser.type("email", email);
			browser.click("form[role=search] button");
			assertThat(browser.has("#user-" + user)).isTrue();
			browser.type("reason", "Suspected account takeover, e2e");
			browser.click("#user-" + user + " button.lock");
			assertThat(browser.text()).contains("The account is locked");
			browser.screenshot("operator-users");
			assertThat(gateway.post("/v1/auth/login", Map.of("email", email, "password", password), null).status())
				.isEqualTo(403);
			browser.type("reason", "Owner verified, e2e");
			browser.click("#user-" + user + " button.unlock");
			assertThat(browser.text()).contains("The account is unlocked");
			gateway.post("/v1/auth/login", Map.of("email", email, "password", password), null)
				.expect(200, "login after unlock");

			browser.go("/operator/reconciliation");
			assertThat(browser.find("h1").getText()).isEqualTo("Reconciliation exceptions");
			browser.screenshot("operator-reconciliation");
		}
	}

	/**
	 * Needs payment-service's operator endpoints for acquirers ({@code POST
	 * /v1/acquirers/{name}/drain} and {@code /resume}, routed by the gateway).
	 */
	@Test
	void operatorDrainsAnAcquirerAndPaymentsGoToTheOther() throws Exception {
		PlatformFixture shop = PlatformFixture.create(platform.gatewayUrl());
		try (ConsoleBrowser browser = ConsoleBrowser.open(platform.gatewayUrl())) {
			Operator.enrolled(browser, false);
			browser.go("/operator/acquirers");
			assertThat(browser.text()).contains("psp-a", "psp-b");
			long psbBefore = recentCalls(browser, "psp-b");
			browser.type("reason-psp-a", "Acquirer maintenance window, e2e");
			browser.click("#acquirer-psp-a button.drain");
			try {
				assertThat(browser.text()).contains("psp-a is draining");
				assertThat(browser.find("#acquirer-psp-a .routing").getText()).isEqualTo("draining");
				long psaDrained = recentCalls(browser, "psp-a");
				for (int i = 0; i < 3; i++) {
					GatewayClient.Reply paid = shop.gateway()
						.postOnce("/v1/payments",
								Map.of("amount", 1500 + i, "currency", "EUR", "merchant", shop.merchantId(),
										"payment_method", shop.paymentMethod(), "device_id", "e2e-drain"),
								shop.accessToken())
						.expect(201, "payment while psp-a drains");
					// each payment names the acquirer that took it (older API versions
					// call it psp)
					String acquirer = (paid.text("acquirer") != null) ? paid.text("acquirer") : paid.text("psp");
					assertThat(acquirer).as("acquirer of a payment made while psp-a drains").isEqualTo("psp-b");
				}
				browser.reloadUntil(() -> recentCalls(browser, "psp-b") >= psbBefore + 3, ASYNC);
				assertThat(recentCalls(browser, "psp-a")).as("no new payment on the drained acquirer")
					.isEqualTo(psaDrained);
				browser.screenshot("operator-acquirers");
			}
			finally {
				// the other tests of this platform need psp-a back
				browser.go("/operator/acquirers");
				if (browser.has("#acquirer-psp-a button.resume")) {
					browser.type("reason-psp-a", "Maintenance over, e2e");
					browser.click("#acquirer-psp-a button.resume");
				}
			}
			assertThat(browser.find("#acquirer-psp-a .routing").getText()).isEqualTo("active");
		}
	}

	/**
	 * Lowers the merchant's review threshold so its next payment is sent to review; a
	 * payer without a second factor cannot pass the step-up, so the payment fails, but
	 * the review waits in the queue all the same. The thresholds go back to the defaults.
	 */
	private static String paymentSentToReview(GatewayClient gateway, PlatformFixture shop, String operatorToken) {
		String thresholds = "/v1/fraud/merchants/" + shop.merchantId() + "/thresholds";
		gateway.send("PUT", thresholds, Map.of("review_at", 1, "decline_at", 100), operatorToken, null)
			.expect(200, "review thresholds");
		try {
			for (int attempt = 0; attempt < 5; attempt++) {
				var answer = shop.gateway()
					.postOnce("/v1/payments",
							Map.of("amount", 4200 + attempt, "currency", "EUR", "merchant", shop.merchantId(),
									"payment_method", shop.paymentMethod(), "device_id",
									"e2e-review-" + UUID.randomUUID()),
							shop.accessToken());
				// a failed payment is a 402 problem naming it
				String payment = (answer.text("id") != null) ? answer.text("id") : answer.text("payment");
				if (payment != null && gateway.get("/v1/fraud/reviews/" + payment, operatorToken).status() == 200) {
					return payment;
				}
			}
			throw new IllegalStateException("no payment of " + shop.merchantId() + " was sent to review");
		}
		finally {
			gateway.send("PUT", thresholds, Map.of("review_at", 40, "decline_at", 75), operatorToken, null);
		}
	}

	private static long recentCalls(ConsoleBrowser browser, String psp) {
		String text = browser.find("#acquirer-" + psp + " .recent-calls").getText().strip();
		return text.matches("[0-9]+") ? Long.parseLong(text) : -1;
	}

	/**
	 * An operator made by {@code ./platform operator create}, enrolled in TOTP in the
	 * console and signed in with a code: the browser is on the merchants page.
	 */
	private record Operator(String email, String password, TotpCodes authenticator, long lastStep) {

		static Operator enrolled(ConsoleBrowser browser, boolean screenshots) throws Exception {
			String email = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.test";
			String password = "first operator passphrase " + UUID.randomUUID();
			bootstrap(email, password);
			signIn(browser, email, password);
			assertThat(browser.path()).isEqualTo("/enrol");
			browser.go("/operator/merchants");
			assertThat(browser.path()).as("no operator page before TOTP: it is sent to set it up").isEqualTo("/enrol");
			if (screenshots) {
				browser.screenshot("operator-enrol");
			}
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
			return new Operator(email, password, authenticator, step + 1);
		}

		/** The operator's own API login, with a later TOTP step: a code is used once. */
		String apiToken(GatewayClient gateway) {
			await().atMost(Duration.ofSeconds(75)).until(() -> TotpCodes.currentStep() > this.lastStep);
			String mfaToken = gateway
				.post("/v1/auth/login", Map.of("email", this.email, "password", this.password), null)
				.expect(200, "operator login")
				.text("mfa_token");
			return gateway
				.post("/v1/auth/mfa/verify",
						Map.of("mfa_token", mfaToken, "code", this.authenticator.at(TotpCodes.currentStep())), null)
				.expect(200, "operator second factor")
				.text("access_token");
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
		List<String> command = PlatformLauncher.operatorCommand(repository, platform.runDirectory(),
				platform.topology(), SharedKafka.bootstrapServers(), email);
		Path log = Files.createTempFile("operator-bootstrap", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("EMBERPAY_OPERATOR_PASSWORD", password);
		Process process = builder.start();
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("bootstrap finished").isTrue();
		assertThat(process.exitValue()).as(Files.readString(log)).isZero();
		assertThat(Files.readString(log)).contains("Created operator " + email);
	}

	/** A shopper with a saved card, paying the merchant that signed up in the browser. */
	private record Payer(String accessToken, String paymentMethod) {

		static Payer create(GatewayClient gateway, String suffix) {
			String email = "payer-" + suffix + "@e2e.test";
			String password = "a long e2e password " + suffix;
			gateway.post("/v1/auth/signup", Map.of("email", email, "password", password), null).expect(201, "sign-up");
			String token = gateway
				.post("/v1/auth/login", Map.of("email", email, "password", password, "device_id", "e2e-" + suffix),
						null)
				.expect(200, "login")
				.text("access_token");
			String card = gateway
				.post("/v1/payment_methods",
						Map.of("type", "card", "card",
								Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2034, "cvc", "123")),
						token)
				.expect(201, "card")
				.text("id");
			return new Payer(token, card);
		}

		String pay(GatewayClient gateway, String merchant, long amount, String currency, String device) {
			return gateway
				.postOnce("/v1/payments",
						Map.of("amount", amount, "currency", currency, "merchant", merchant, "payment_method",
								this.paymentMethod, "device_id", device),
						this.accessToken)
				.expect(201, "payment")
				.text("id");
		}

	}

}
