package io.emberpay.payment.psp.stripe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.emberpay.payment.psp.PspAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Stripe as an acquirer. Keys are configuration only, filled from the deployment's
 * secrets (a Kubernetes Secret as environment variables); none has a default, and none is
 * ever stored in the database.
 *
 * @param enabled whether Stripe is one of the acquirers routing may choose
 * @param apiBase where the Stripe API listens; a local fake in tests
 * @param accounts Stripe accounts by merchant id, {@code default} for merchants without
 * their own; each with a test and a live key
 * @param webhookTolerance how old a signed webhook may be before it is refused as a
 * replay
 */
@Validated
@ConfigurationProperties("emberpay.psp.stripe")
public record StripeProperties(boolean enabled, @NotNull String apiBase, Map<String, @Valid Account> accounts,
		@NotNull Duration webhookTolerance) {

	public StripeProperties {
		accounts = (accounts == null) ? Map.of() : Map.copyOf(accounts);
	}

	/** The keys for a merchant in a mode, if Stripe is set up for it. */
	public Optional<Keys> keysFor(PspAccount account) {
		Account configured = this.accounts.get(account.merchantId());
		if (configured == null) {
			configured = this.accounts.get("default");
		}
		if (configured == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(configured.keys(account.livemode()));
	}

	/**
	 * The name of the account configuration a merchant's calls use: its own, else
	 * {@code default}.
	 */
	public String accountNameFor(String merchantId) {
		return this.accounts.containsKey(merchantId) ? merchantId : "default";
	}

	/**
	 * Every webhook signing secret configured, with the account and mode it belongs to,
	 * so a verified event is only believed about that account's payments.
	 */
	public List<WebhookSigner> webhookSigners() {
		return this.accounts.entrySet().stream().flatMap(entry -> Stream.of(false, true).map(livemode -> {
			Keys keys = entry.getValue().keys(livemode);
			return (keys == null || keys.webhookSecret() == null) ? null
					: new WebhookSigner(entry.getKey(), livemode, keys.webhookSecret());
		})).filter(java.util.Objects::nonNull).toList();
	}

	/** Who signs an account's webhooks in one mode; never printed. */
	public record WebhookSigner(String account, boolean livemode, String secret) {

		@Override
		public String toString() {
			return "WebhookSigner[" + this.account + ", " + (this.livemode ? "live" : "test") + "]";
		}

	}

	/**
	 * One Stripe account. The key prefixes are checked so a test-mode payment can never
	 * be sent with a live key, nor the other way round.
	 */
	public record Account(@Valid TestKeys test, @Valid LiveKeys live) {

		/** The keys of a mode; an empty secret key (an unset placeholder) means none. */
		Keys keys(boolean livemode) {
			String secretKey = livemode ? ((this.live == null) ? null : this.live.secretKey())
					: ((this.test == null) ? null : this.test.secretKey());
			String webhookSecret = livemode ? ((this.live == null) ? null : this.live.webhookSecret())
					: ((this.test == null) ? null : this.test.webhookSecret());
			if (secretKey == null || secretKey.isEmpty()) {
				return null;
			}
			return new Keys(secretKey, (webhookSecret == null || webhookSecret.isEmpty()) ? null : webhookSecret);
		}

	}

	public record TestKeys(@NotNull @Pattern(regexp = "((sk|rk)_test_\\w+)?") String secretKey,
			@Pattern(regexp = "(whsec_\\w+)?") String webhookSecret) {

		@Override
		public String toString() {
			return "TestKeys[redacted]";
		}

	}

	public record LiveKeys(@NotNull @Pattern(regexp = "((sk|rk)_live_\\w+)?") String secretKey,
			@Pattern(regexp = "(whsec_\\w+)?") String webhookSecret) {

		@Override
		public String toString() {
			return "LiveKeys[redacted]";
		}

	}

	/** A secret key and its account's webhook signing secret; never printed. */
	public record Keys(String secretKey, String webhookSecret) {

		@Override
		public String toString() {
			return "Keys[redacted]";
		}

	}

}
