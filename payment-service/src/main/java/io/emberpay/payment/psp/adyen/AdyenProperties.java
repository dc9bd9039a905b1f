package io.emberpay.payment.psp.adyen;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.emberpay.payment.psp.PspAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Adyen as an acquirer (Checkout API) and its notification webhooks. Every credential
 * comes from the deployment's secrets and has no default; none is stored in the database.
 *
 * @param enabled whether Adyen is one of the acquirers routing may choose and whether
 * {@code /v1/psp_webhooks/adyen} accepts notifications
 * @param testApiBase the Checkout API of Adyen's test platform, version included
 * @param liveApiBase the Checkout API of the live platform, with the account's live URL
 * prefix; a local fake in tests
 * @param hmacKeys the webhooks' HMAC keys; a notification item must verify with one
 * @param accounts Adyen merchant accounts by merchant id, {@code default} for merchants
 * without their own; each with a test and a live API key
 */
@Validated
@ConfigurationProperties("emberpay.psp.adyen")
public record AdyenProperties(boolean enabled, String testApiBase, String liveApiBase,
		@NotNull List<@Pattern(regexp = "([0-9A-Fa-f]{2}){16,64}") String> hmacKeys,
		Map<String, @Valid Account> accounts) {

	public AdyenProperties {
		hmacKeys = (hmacKeys == null) ? List.of() : List.copyOf(hmacKeys);
		accounts = (accounts == null) ? Map.of() : Map.copyOf(accounts);
		testApiBase = (testApiBase == null) ? "https://checkout-test.adyen.com/v71" : testApiBase;
	}

	/** The credentials for a merchant in a mode, if Adyen is set up for it. */
	public Optional<Credentials> credentialsFor(PspAccount account) {
		Account configured = this.accounts.getOrDefault(account.merchantId(), this.accounts.get("default"));
		if (configured == null) {
			return Optional.empty();
		}
		Credentials credentials = account.livemode() ? configured.live() : configured.test();
		if (credentials == null || credentials.apiKey() == null || credentials.apiKey().isEmpty()
				|| credentials.merchantAccount() == null || credentials.merchantAccount().isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(credentials);
	}

	/**
	 * The HMAC keys a notification item from {@code merchantAccountCode} in a mode may be
	 * signed with: the platform's webhooks' keys, and the key of that merchant account's
	 * own webhook in that mode.
	 */
	public List<String> hmacKeysFor(String merchantAccountCode, boolean livemode) {
		List<String> keys = new java.util.ArrayList<>(this.hmacKeys);
		for (Account account : this.accounts.values()) {
			Credentials credentials = livemode ? account.live() : account.test();
			if (credentials != null && credentials.hmacKey() != null && !credentials.hmacKey().isEmpty()
					&& merchantAccountCode.equals(credentials.merchantAccount())) {
				keys.add(credentials.hmacKey());
			}
		}
		return keys;
	}

	/** Where a mode's calls go; live has no default, so a live call fails closed. */
	public String apiBase(boolean livemode) {
		return livemode ? this.liveApiBase : this.testApiBase;
	}

	@Override
	public String toString() {
		return "AdyenProperties[enabled=" + this.enabled + ", hmacKeys=" + this.hmacKeys.size() + ", accounts="
				+ this.accounts.keySet() + "]";
	}

	public record Account(@Valid Credentials test, @Valid Credentials live) {
	}

	/**
	 * One Adyen merchant account's API key (a web service user's, sent as
	 * {@code X-API-Key}; an empty key, an unset placeholder, means none) and the HMAC key
	 * of the webhook Adyen notifies that account's events to, if it has its own.
	 */
	public record Credentials(String apiKey, @Pattern(regexp = "[A-Za-z0-9_.-]*") String merchantAccount,
			@Pattern(regexp = "(([0-9A-Fa-f]{2}){16,64})?") String hmacKey) {

		@Override
		public String toString() {
			return "Credentials[" + this.merchantAccount + ", redacted]";
		}

	}

}
