package io.emberpay.subscription.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the service at the local App Store and Google fakes: the test chain's root is
 * the one trusted root, and one merchant of each store has its app configured.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StoreFakesConfiguration {

	public static final String APP_STORE_MERCHANT = "mer_appstoretests";

	public static final String GOOGLE_PLAY_MERCHANT = "mer_googleplaytests";

	@Bean
	static DynamicPropertyRegistrar storeFakes() {
		return (registry) -> {
			FakeAppStore apple = FakeAppStore.get();
			String app = "emberpay.subscription.app-store.apps." + APP_STORE_MERCHANT + ".";
			registry.add("emberpay.subscription.app-store.trusted-roots", () -> apple.chain().rootLocation());
			// no network to Apple's OCSP responders here; the chain, signature and claims
			// are all checked
			registry.add("emberpay.subscription.app-store.revocation-checks", () -> "false");
			registry.add(app + "bundle-id", () -> FakeAppStore.BUNDLE_ID);
			registry.add(app + "app-apple-id", () -> "1234567890");
			registry.add(app + "environment", () -> "SANDBOX");
			registry.add(app + "api-url", apple::url);
			registry.add(app + "issuer-id", () -> FakeAppStore.ISSUER_ID);
			registry.add(app + "key-id", () -> FakeAppStore.KEY_ID);
			registry.add(app + "private-key", apple::privateKeyPem);
			registry.add(app + "products.[io.emberpay.tests.premium.monthly]", () -> "premium");
			registry.add(app + "products.[io.emberpay.tests.platinum.monthly]", () -> "platinum");
			FakeGooglePlay google = FakeGooglePlay.get();
			String play = "emberpay.subscription.google-play.";
			registry.add(play + "push.audience", () -> FakeGooglePlay.PUSH_AUDIENCE);
			registry.add(play + "push.service-account", () -> FakeGooglePlay.PUSH_SERVICE_ACCOUNT);
			registry.add(play + "push.jwks-uri", () -> google.url() + "/oauth2/v3/certs");
			registry.add(play + "api.url", google::url);
			registry.add(play + "api.token-uri", () -> google.url() + "/token");
			registry.add(play + "api.client-email", () -> FakeGooglePlay.API_SERVICE_ACCOUNT);
			registry.add(play + "api.private-key", google::serviceAccountKeyPem);
			registry.add(play + "apps." + GOOGLE_PLAY_MERCHANT + ".package-name", () -> FakeGooglePlay.PACKAGE_NAME);
			registry.add(play + "apps." + GOOGLE_PLAY_MERCHANT + ".products.premium_monthly", () -> "premium");
		};
	}

}
