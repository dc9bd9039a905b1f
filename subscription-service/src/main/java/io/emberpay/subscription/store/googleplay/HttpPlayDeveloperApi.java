package io.emberpay.subscription.store.googleplay;

import java.net.http.HttpClient;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriUtils;

/**
 * {@code purchases.subscriptionsv2.get} over HTTP, as a service account: a signed JWT
 * assertion is traded at the token endpoint for an access token (OAuth 2.0 JWT bearer
 * grant), kept until shortly before it expires.
 */
@Component
class HttpPlayDeveloperApi implements PlayDeveloperApi {

	private static final String SCOPE = "https://www.googleapis.com/auth/androidpublisher";

	private final GooglePlayProperties.Api settings;

	private final RestClient http;

	// access tokens expire in real time, whatever clock the billing rules read
	private final Clock wallClock = Clock.systemUTC();

	private AccessToken token;

	HttpPlayDeveloperApi(GooglePlayProperties properties) {
		this.settings = properties.api();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(this.settings.timeout()).build());
		requests.setReadTimeout(this.settings.timeout());
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	@Override
	public SubscriptionPurchase subscription(String packageName, String purchaseToken) {
		String path = "/androidpublisher/v3/applications/" + UriUtils.encodePathSegment(packageName, "UTF-8")
				+ "/purchases/subscriptionsv2/tokens/" + UriUtils.encodePathSegment(purchaseToken, "UTF-8");
		JsonNode answer;
		try {
			answer = this.http.get()
				.uri(this.settings.url().resolve(path))
				.header("Authorization", "Bearer " + accessToken())
				.retrieve()
				.body(JsonNode.class);
		}
		catch (RestClientException ex) {
			throw new Unavailable("The Play Developer API did not answer", ex);
		}
		if (answer == null) {
			throw new Unavailable("The Play Developer API answered nothing", null);
		}
		List<LineItem> items = new ArrayList<>();
		for (JsonNode item : answer.path("lineItems")) {
			String expiry = item.path("expiryTime").asString(null);
			items.add(new LineItem(item.path("productId").asString(null),
					(expiry != null) ? Instant.parse(expiry) : null));
		}
		return new SubscriptionPurchase(answer.path("subscriptionState").asString(""),
				answer.path("externalAccountIdentifiers").path("obfuscatedExternalAccountId").asString(null),
				answer.path("linkedPurchaseToken").asString(null), items, answer.has("testPurchase"));
	}

	private synchronized String accessToken() {
		Instant now = this.wallClock.instant();
		if (this.token != null && this.token.expiresAt().isAfter(now.plusSeconds(60))) {
			return this.token.value();
		}
		if (this.settings.clientEmail() == null || this.settings.privateKey() == null) {
			throw new Unavailable("No Play Developer API service account is configured", null);
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
		form.add("assertion", assertion(now));
		JsonNode answer;
		try {
			answer = this.http.post()
				.uri(this.settings.tokenUri())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.body(JsonNode.class);
		}
		catch (RestClientException ex) {
			throw new Unavailable("Google's token endpoint did not answer", ex);
		}
		if (answer == null || answer.path("access_token").asString(null) == null) {
			throw new Unavailable("Google's token endpoint answered no access token", null);
		}
		this.token = new AccessToken(answer.path("access_token").asString(),
				now.plusSeconds(answer.path("expires_in").asLong(300)));
		return this.token.value();
	}

	private String assertion(Instant now) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
					new JWTClaimsSet.Builder().issuer(this.settings.clientEmail())
						.audience(this.settings.tokenUri().toString())
						.claim("scope", SCOPE)
						.issueTime(Date.from(now))
						.expirationTime(Date.from(now.plusSeconds(3600)))
						.build());
			jwt.sign(new RSASSASigner(privateKey(this.settings.privateKey())));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new Unavailable("The service account's key cannot sign", ex);
		}
	}

	private static RSAPrivateKey privateKey(String pem) throws Exception {
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return (RSAPrivateKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

	private record AccessToken(String value, Instant expiresAt) {
	}

}
