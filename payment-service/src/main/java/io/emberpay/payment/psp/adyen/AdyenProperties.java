package io.emberpay.payment.psp.adyen;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Adyen's notification webhooks. The HMAC keys (hex, one per webhook configured at Adyen;
 * two during a rotation) come from the deployment's secrets and have no default.
 *
 * @param enabled whether {@code /v1/psp_webhooks/adyen} accepts notifications
 * @param hmacKeys the webhooks' HMAC keys; a notification item must verify with one
 */
@Validated
@ConfigurationProperties("emberpay.psp.adyen")
public record AdyenProperties(boolean enabled,
		@NotNull List<@Pattern(regexp = "([0-9A-Fa-f]{2}){16,64}") String> hmacKeys) {

	public AdyenProperties {
		hmacKeys = (hmacKeys == null) ? List.of() : List.copyOf(hmacKeys);
	}

	@Override
	public String toString() {
		return "AdyenProperties[enabled=" + this.enabled + ", hmacKeys=" + this.hmacKeys.size() + "]";
	}

}
