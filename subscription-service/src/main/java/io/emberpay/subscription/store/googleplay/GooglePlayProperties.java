package io.emberpay.subscription.store.googleplay;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Google Play real-time developer notifications (a Pub/Sub push) and the Play Developer
 * API that confirms them.
 *
 * @param push how a push proves it is Google's
 * @param api the Play Developer API and the service account that calls it
 * @param apps each merchant's app, by merchant id
 */
@Validated
@ConfigurationProperties("emberpay.subscription.google-play")
public record GooglePlayProperties(@DefaultValue @Valid Push push, @DefaultValue @Valid Api api,
		@DefaultValue Map<String, @Valid App> apps) {

	/**
	 * @param audience the audience the push subscription puts in its OIDC token; without
	 * one no push is accepted
	 * @param serviceAccount the push subscription's service account, when the token's
	 * {@code email} must be it
	 * @param jwksUri Google's OIDC signing keys
	 * @param issuers the issuers Google's OIDC tokens carry
	 */
	public record Push(String audience, String serviceAccount,
			@DefaultValue("https://www.googleapis.com/oauth2/v3/certs") @NotNull URI jwksUri, @DefaultValue( {
					"https://accounts.google.com", "accounts.google.com" }) @NotEmpty List<String> issuers){
	}

	/**
	 * @param url the Play Developer API's root
	 * @param tokenUri where the service account trades its signed assertion for an access
	 * token
	 * @param clientEmail the service account's email
	 * @param privateKey the service account's PKCS#8 PEM key (a secret from the
	 * deployment)
	 * @param timeout for each call
	 */
	public record Api(@DefaultValue("https://androidpublisher.googleapis.com") @NotNull URI url,
			@DefaultValue("https://oauth2.googleapis.com/token") @NotNull URI tokenUri, String clientEmail,
			String privateKey, @DefaultValue("10s") @NotNull Duration timeout) {
	}

	/**
	 * @param packageName the app's package name; a notification for another is refused
	 * @param products the tier each Play subscription product id entitles to
	 */
	public record App(@NotBlank String packageName, @NotEmpty Map<String, String> products) {
	}

}
