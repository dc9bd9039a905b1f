package io.emberpay.notification.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.notification.webhook.target.PinnedHttpClient;

/**
 * What one attempt sent and got back, bounded for the attempt log: the request headers as
 * sent (the signing secret is never among them, only the signature made with it), the
 * request body up to {@link #MAX_REQUEST_BODY} bytes and the response body up to
 * {@link PinnedHttpClient#MAX_RESPONSE_BODY} bytes.
 */
record AttemptExchange(Map<String, String> requestHeaders, String requestBody, boolean requestBodyTruncated,
		String responseBody) {

	/** Event bodies are a few KiB; a larger one is cut rather than stored per attempt. */
	static final int MAX_REQUEST_BODY = 16 * 1024;

	static final AttemptExchange NONE = new AttemptExchange(Map.of(), null, false, null);

	static AttemptExchange of(Map<String, String> requestHeaders, String requestBody, byte[] responseBodyStart) {
		byte[] request = requestBody.getBytes(StandardCharsets.UTF_8);
		boolean truncated = request.length > MAX_REQUEST_BODY;
		Map<String, String> sent = new LinkedHashMap<>();
		// the fixed headers PinnedHttpClient writes, then the webhook's own
		sent.put("content-type", "application/json");
		sent.put("user-agent", "Emberpay-Webhooks/1.0");
		sent.putAll(requestHeaders);
		return new AttemptExchange(Collections.unmodifiableMap(sent), text(request, MAX_REQUEST_BODY), truncated,
				(responseBodyStart != null) ? text(responseBodyStart, PinnedHttpClient.MAX_RESPONSE_BODY) : null);
	}

	/**
	 * At most {@code maxBytes} bytes as text; a character cut in half becomes U+FFFD, and
	 * NUL, which PostgreSQL text refuses, too.
	 */
	private static String text(byte[] bytes, int maxBytes) {
		int length = Math.min(bytes.length, maxBytes);
		return new String(bytes, 0, length, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
	}

}
