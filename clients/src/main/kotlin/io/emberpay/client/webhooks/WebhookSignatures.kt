package io.emberpay.client.webhooks

import java.security.MessageDigest
import java.time.Duration
import java.time.Instant
import java.util.Base64
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

/**
 * Verifies an Emberpay webhook delivery (Standard Webhooks signatures), for a Kotlin or
 * Java server. Call [verify] with the raw request body, before parsing it, and the
 * webhook-id, webhook-timestamp and webhook-signature headers (docs/webhooks.md).
 */
class WebhookSignatures(
    /** The endpoint's secret, `whsec_` and base64, from POST /v1/webhook_endpoints. */
    secret: String,
    /** A delivery older or newer than this is refused, so a captured one cannot be replayed. */
    private val tolerance: Duration = Duration.ofMinutes(5),
) {

    private val key: ByteArray = Base64.getDecoder().decode(secret.removePrefix("whsec_"))

    /** True when one of the delivery's signatures was made with this endpoint's secret. */
    fun verify(
        webhookId: String,
        webhookTimestamp: String,
        webhookSignature: String,
        body: ByteArray,
        now: Instant = Instant.now(),
    ): Boolean {
        val timestamp = webhookTimestamp.toLongOrNull() ?: return false
        if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs() > tolerance) {
            return false
        }
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(key, "HmacSHA256"))
        mac.update("$webhookId.$webhookTimestamp.".toByteArray(Charsets.UTF_8))
        val expected = Base64.getEncoder().encode(mac.doFinal(body))
        // during a secret rotation the header carries one signature per secret, space-separated
        return webhookSignature.split(' ').any { candidate ->
            val (version, signature) = candidate.split(',', limit = 2).let { it[0] to it.getOrElse(1) { "" } }
            version == "v1" && MessageDigest.isEqual(signature.toByteArray(Charsets.US_ASCII), expected)
        }
    }
}
