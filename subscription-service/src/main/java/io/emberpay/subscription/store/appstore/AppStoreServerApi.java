package io.emberpay.subscription.store.appstore;

import java.io.IOException;
import java.net.URI;

import com.apple.itunes.storekit.client.AppStoreServerAPIClient;
import com.apple.itunes.storekit.model.Environment;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Apple's App Store Server API client, sent to another root when one is configured: the
 * library only knows Apple's hosts, and tests talk to a local fake speaking the same API.
 * Paths, headers and the signed bearer token stay the library's.
 */
final class AppStoreServerApi extends AppStoreServerAPIClient {

	private final HttpUrl root;

	AppStoreServerApi(String privateKey, String keyId, String issuerId, String bundleId, Environment environment,
			URI root) {
		super(privateKey, keyId, issuerId, bundleId, environment);
		this.root = (root != null) ? HttpUrl.get(root.toString()) : null;
	}

	@Override
	protected Response getResponse(Request request) throws IOException {
		if (this.root == null) {
			return super.getResponse(request);
		}
		HttpUrl rebased = request.url()
			.newBuilder()
			.scheme(this.root.scheme())
			.host(this.root.host())
			.port(this.root.port())
			.build();
		return super.getResponse(request.newBuilder().url(rebased).build());
	}

}
