package io.emberpay.notification.webhook.target;

import java.net.InetAddress;

/**
 * A checked webhook URL, split into what the HTTP request needs.
 *
 * @param secure https (TLS) or plain http (allowed only for configured local hosts)
 * @param host the host name (or IP literal without brackets) as the merchant wrote it
 * @param literal the address when the host is an IP literal, otherwise {@code null}
 * @param port the TCP port
 * @param pathAndQuery the request target, never empty
 * @param local whether the host is one of the configured insecure local hosts
 */
public record WebhookTarget(boolean secure, String host, InetAddress literal, int port, String pathAndQuery,
		boolean local) {

	/** The {@code Host} header value. */
	public String hostHeader() {
		String name = (this.literal != null && this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host;
		boolean defaultPort = this.port == (this.secure ? 443 : 80);
		return defaultPort ? name : name + ":" + this.port;
	}

}
