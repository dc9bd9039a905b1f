package io.emberpay.notification.notice;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A push notification for all of a user's devices. A real gateway maps it onto the
 * providers' documented shapes, which {@link #fcm(String)} and {@link #apns()} build:
 * <ul>
 * <li>FCM HTTP v1 ({@code POST /v1/projects/{project}/messages:send}): {@code {"message":
 * {"token": "...", "notification": {"title", "body"}, "data": {...}}}};
 * <li>APNs ({@code POST /3/device/{token}}, header {@code apns-push-type: alert}):
 * {@code {"aps": {"alert": {"title", "body"}, "sound": "default"}, ...data}}.
 * </ul>
 * {@code data} values are strings (FCM requires it) and never hold card data.
 */
public record PushMessage(String user, String title, String body, Map<String, String> data) {

	public PushMessage {
		data = Map.copyOf(data);
	}

	public Map<String, Object> fcm(String deviceToken) {
		return Map.of("message", Map.of("token", deviceToken, "notification",
				Map.of("title", this.title, "body", this.body), "data", this.data));
	}

	public Map<String, Object> apns() {
		Map<String, Object> payload = new LinkedHashMap<>(this.data);
		payload.put("aps", Map.of("alert", Map.of("title", this.title, "body", this.body), "sound", "default"));
		return payload;
	}

}
