package io.emberpay.notification.webhook.delivery;

import java.time.Instant;
import java.util.Map;

/**
 * One HTTP attempt, as {@code GET /v1/webhook_endpoints/{id}/attempts} shows it, with
 * what was sent and the start of the answer ({@code null}, so left out, for attempts
 * recorded before these were kept, and {@code response} when nothing came back).
 */
public record AttemptView(String id, String object, String event, Instant attemptedAt, Integer statusCode,
		long latencyMs, String error, boolean succeeded, Request request, Response response) {

	/**
	 * The request as sent: headers and body (cut at 16 KiB, then {@code body_truncated}).
	 */
	public record Request(Map<String, String> headers, String body, boolean bodyTruncated) {
	}

	/** The answer: its status and at most the first 2 KiB of its body. */
	public record Response(Integer statusCode, String body) {
	}

}
