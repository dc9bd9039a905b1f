package io.emberpay.subscription.store.appstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.apple.itunes.storekit.verification.SignedDataVerifier;

import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Each merchant's app with its verifier (Apple's, checking the {@code x5c} chain up to
 * the configured roots, the bundle id, the app id and the environment) and its App Store
 * Server API client, made once.
 */
@Component
class AppStoreApps {

	private final AppStoreProperties properties;

	private final List<byte[]> roots;

	private final Map<String, AppStoreApp> apps = new ConcurrentHashMap<>();

	AppStoreApps(AppStoreProperties properties) {
		this.properties = properties;
		this.roots = properties.trustedRoots().stream().map(AppStoreApps::read).toList();
	}

	Optional<AppStoreApp> of(String merchant) {
		AppStoreProperties.App app = this.properties.apps().get(merchant);
		if (app == null || this.roots.isEmpty()) {
			// without a trusted root nothing can be verified, so nothing is accepted
			return Optional.empty();
		}
		return Optional.of(this.apps.computeIfAbsent(merchant, (key) -> open(app)));
	}

	private AppStoreApp open(AppStoreProperties.App app) {
		Set<InputStream> rootCertificates = new HashSet<>();
		this.roots.forEach((root) -> rootCertificates.add(new ByteArrayInputStream(root)));
		SignedDataVerifier verifier = new SignedDataVerifier(rootCertificates, app.bundleId(), app.appAppleId(),
				app.environment(), this.properties.revocationChecks());
		AppStoreServerApi api = new AppStoreServerApi(app.privateKey(), app.keyId(), app.issuerId(), app.bundleId(),
				app.environment(), app.apiUrl());
		return new AppStoreApp(verifier, api, Map.copyOf(app.products()));
	}

	private static byte[] read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the App Store trusted root " + resource, ex);
		}
	}

	record AppStoreApp(SignedDataVerifier verifier, AppStoreServerApi api, Map<String, String> products) {
	}

}
