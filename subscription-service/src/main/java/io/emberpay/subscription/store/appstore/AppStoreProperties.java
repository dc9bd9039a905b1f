package io.emberpay.subscription.store.appstore;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.apple.itunes.storekit.model.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * App Store Server Notifications V2 and the App Store Server API.
 *
 * @param trustedRoots the root certificates a notification's {@code x5c} chain must end
 * in: Apple Root CA - G3 in production (a file the deployment mounts; nothing is trusted
 * without one), a test root in tests
 * @param revocationChecks whether the chain's certificates are checked online (OCSP) as
 * Apple's library does; off only where there is no network to Apple
 * @param apps each merchant's app, by merchant id
 */
@Validated
@ConfigurationProperties("emberpay.subscription.app-store")
public record AppStoreProperties(@DefaultValue List<Resource> trustedRoots,
		@DefaultValue("true") boolean revocationChecks, @DefaultValue Map<String, @Valid App> apps) {

	/**
	 * One merchant's app.
	 *
	 * @param bundleId the app's bundle id; a notification for another app is refused
	 * @param appAppleId the app's Apple id (required by Apple's library in production)
	 * @param environment {@code PRODUCTION} or {@code SANDBOX}; a notification from the
	 * other is refused
	 * @param apiUrl the App Store Server API's root, when not Apple's for the environment
	 * (a local fake in tests)
	 * @param issuerId the App Store Connect API key's issuer
	 * @param keyId the App Store Connect API key's id
	 * @param privateKey the API key's PKCS#8 PEM (a secret: from the deployment, never
	 * committed)
	 * @param products the tier each App Store product id entitles to
	 */
	public record App(@NotBlank String bundleId, Long appAppleId, @NotNull Environment environment, URI apiUrl,
			@NotBlank String issuerId, @NotBlank String keyId, @NotBlank String privateKey,
			@NotEmpty Map<String, String> products) {

		public App {
			// Apple's library skips every signature check in these two environments
			if (environment == Environment.XCODE || environment == Environment.LOCAL_TESTING) {
				throw new IllegalArgumentException("An App Store app's environment must be PRODUCTION or SANDBOX");
			}
		}

	}

}
