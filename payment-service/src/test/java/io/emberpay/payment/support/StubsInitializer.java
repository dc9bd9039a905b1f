package io.emberpay.payment.support;

import java.util.HashMap;
import java.util.Map;

import io.emberpay.payment.psp.adyen.FakeAdyen;
import io.emberpay.payment.psp.stripe.FakeStripe;
import io.emberpay.testkit.RealInfrastructureInitializer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points payment-service at the test kit's real engines and at {@link PlatformStubs}, and
 * shortens every resilience timing so breakers, retries and the janitor act within a
 * test's patience. Two KEKs are configured (version 1 active) so key rotation can be
 * exercised.
 */
public class StubsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		new RealInfrastructureInitializer().initialize(context);
		String url = PlatformStubs.get().url();
		Map<String, Object> p = new HashMap<>();
		p.put("emberpay.psp.base-url", url);
		p.put("emberpay.services.auth.url", url);
		p.put("emberpay.services.fraud.url", url);
		p.put("emberpay.services.fraud.breaker-open-duration", "1s");
		// the tests' own keys: the development keys of application-local.yml are refused
		// outside the local profile
		p.put("emberpay.vault.key-encryption-keys.1", "5XWqJ0e5bF1c3ZkT3m7hB0mN9vP2yA8sL4dQ6rG1uHo=");
		p.put("emberpay.vault.key-encryption-keys.2", "3J0xqkq1yZr4cV3o0n9u5R2b8y1f6s7d4a3g2h1j0kM=");
		p.put("emberpay.vault.fingerprint-key", "Tq2v8XcN4rL0mB6kJ1hG9fD3sA7pZ5yW2eR8tU4iO6Q=");
		// Generous enough for two instances and a busy two-core CI box; tests that need a
		// timeout inject a longer delay.
		p.put("emberpay.psp.resilience.timeout", "1s");
		p.put("emberpay.psp.connect-timeout", "2s");
		p.put("emberpay.services.fraud.timeout", "1s");
		p.put("emberpay.psp.resilience.retry-initial-interval", "20ms");
		p.put("emberpay.psp.resilience.breaker-window-size", "10");
		p.put("emberpay.psp.resilience.breaker-minimum-calls", "5");
		p.put("emberpay.psp.resilience.breaker-failure-rate-percent", "75");
		p.put("emberpay.psp.resilience.breaker-open-duration", "1s");
		p.put("emberpay.psp.resilience.breaker-half-open-calls", "2");
		p.put("emberpay.psp.resilience.breaker-slow-call-duration", "5s");
		p.put("emberpay.psp.routing.mer_routed_to_b.primary", "psp-b");
		p.put("emberpay.psp.routing.mer_routed_to_b.secondary", "psp-a");
		// Stripe, at the fake Stripe server, for the merchants routed to it; each
		// merchant
		// its own test key.
		p.put("emberpay.psp.stripe.enabled", "true");
		p.put("emberpay.psp.stripe.api-base", FakeStripe.get().url());
		p.put("emberpay.psp.stripe.accounts.mer_on_stripe.test.secret-key", FakeStripe.SECRET_KEY);
		p.put("emberpay.psp.stripe.accounts.mer_on_stripe.test.webhook-secret", FakeStripe.WEBHOOK_SECRET);
		p.put("emberpay.psp.stripe.accounts.mer_own_stripe.test.secret-key", FakeStripe.OTHER_MERCHANT_KEY);
		p.put("emberpay.psp.stripe.accounts.mer_own_stripe.test.webhook-secret",
				FakeStripe.OTHER_MERCHANT_WEBHOOK_SECRET);
		p.put("emberpay.psp.routing.mer_on_stripe.primary", "stripe");
		p.put("emberpay.psp.routing.mer_own_stripe.primary", "stripe");
		// Adyen's notifications, with the HMAC key of Adyen's published example
		// notification
		p.put("emberpay.psp.adyen.enabled", "true");
		p.put("emberpay.psp.adyen.hmac-keys[0]", "74F490DD33F7327BAECC88B2947C011FC02D014A473AAA33A8EC93E4DC069174");
		// and the example key of Adyen's documentation (test resources adyen/README.md)
		p.put("emberpay.psp.adyen.hmac-keys[1]", "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056");
		// Adyen as an acquirer at the fake Adyen server; the tests' own notifications
		// are signed with the merchant account's own webhook key
		p.put("emberpay.psp.adyen.test-api-base", FakeAdyen.get().checkoutUrl());
		for (String merchant : new String[] { "mer_on_adyen", "mer_failover_to_a" }) {
			p.put("emberpay.psp.adyen.accounts." + merchant + ".test.api-key", FakeAdyen.API_KEY);
			p.put("emberpay.psp.adyen.accounts." + merchant + ".test.merchant-account", FakeAdyen.MERCHANT_ACCOUNT);
			p.put("emberpay.psp.adyen.accounts." + merchant + ".test.hmac-key", FakeAdyen.HMAC_KEY);
		}
		p.put("emberpay.psp.adyen.accounts.mer_own_adyen.test.api-key", FakeAdyen.OTHER_API_KEY);
		p.put("emberpay.psp.adyen.accounts.mer_own_adyen.test.merchant-account", FakeAdyen.OTHER_MERCHANT_ACCOUNT);
		p.put("emberpay.psp.routing.mer_on_adyen.primary", "adyen");
		p.put("emberpay.psp.routing.mer_own_adyen.primary", "adyen");
		// Routing strategies: fees per acquirer, a cheapest-first merchant (euros by
		// priority), a merchant whose Adyen fails over to psp-a, one routed by
		// authorization rate, and one whose acquirers operators drain and force open
		p.put("emberpay.psp.fees.psp-a.percent-bps", "290");
		p.put("emberpay.psp.fees.psp-a.fixed", "30");
		p.put("emberpay.psp.fees.psp-b.percent-bps", "150");
		p.put("emberpay.psp.fees.psp-b.fixed", "50");
		p.put("emberpay.psp.routing.mer_lowest_cost.primary", "psp-a");
		p.put("emberpay.psp.routing.mer_lowest_cost.strategy", "lowest_cost");
		p.put("emberpay.psp.routing.mer_lowest_cost.acquirers[0]", "psp-a");
		p.put("emberpay.psp.routing.mer_lowest_cost.acquirers[1]", "psp-b");
		p.put("emberpay.psp.routing.mer_lowest_cost.rules[0].currency", "EUR");
		p.put("emberpay.psp.routing.mer_lowest_cost.rules[0].method", "card");
		p.put("emberpay.psp.routing.mer_lowest_cost.rules[0].strategy", "priority");
		p.put("emberpay.psp.routing.mer_lowest_cost.rules[0].acquirers[0]", "psp-a");
		p.put("emberpay.psp.routing.mer_failover_to_a.primary", "adyen");
		p.put("emberpay.psp.routing.mer_failover_to_a.secondary", "psp-a");
		p.put("emberpay.psp.routing.mer_by_rate.primary", "psp-a");
		p.put("emberpay.psp.routing.mer_by_rate.strategy", "authorization_rate");
		p.put("emberpay.psp.routing.mer_by_rate.acquirers[0]", "psp-a");
		p.put("emberpay.psp.routing.mer_by_rate.acquirers[1]", "psp-b");
		p.put("emberpay.psp.authorization-rate.window", "10");
		p.put("emberpay.psp.authorization-rate.minimum-calls", "4");
		p.put("emberpay.psp.routing-state-refresh", "500ms");
		p.put("emberpay.psp.simulator-webhooks.secret", PlatformStubs.SIMULATOR_WEBHOOK_SECRET);
		p.put("emberpay.psp.janitor-interval", "300ms");
		p.put("emberpay.psp.janitor-grace", "8s");
		p.put("emberpay.idempotency.lock-ttl", "30s");
		p.put("emberpay.payouts.ledger-url", url);
		p.put("emberpay.payouts.track-interval", "200ms");
		p.put("emberpay.payouts.track-after", "100ms");
		// tests make the day's scheduled payouts themselves
		p.put("emberpay.payouts.schedule-check", "1h");
		p.put("emberpay.payments.amount-limits.mer_limited.USD.min", "100");
		p.put("emberpay.payments.amount-limits.mer_limited.USD.max", "1000");
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("paymentStubs", p));
	}

}
