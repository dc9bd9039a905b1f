package io.emberpay.psp.authorization;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.webhook.WebhookProperties;
import io.emberpay.psp.webhook.WebhookSender;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What the acquirers tell the platform later about an authorization, and where a
 * cardholder's browser finds its 3-D Secure challenge.
 */
@Component
public class AuthorizationWebhooks {

	private final WebhookSender sender;

	private final WebhookProperties properties;

	public AuthorizationWebhooks(WebhookSender sender, WebhookProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	void send(Acquirer acquirer, String type, AuthorizationView authorization) {
		this.sender.send(acquirer, type, authorization);
	}

	/**
	 * The challenge page: under the configured public address, else under the address the
	 * caller reached this simulator at.
	 */
	String challengeUrl(Acquirer acquirer, String authorizationId) {
		String base = this.properties.publicUrl().isBlank()
				? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
				: this.properties.publicUrl();
		return base + "/" + acquirer.pathName() + "/v1/authorizations/" + authorizationId + "/challenge";
	}

}
