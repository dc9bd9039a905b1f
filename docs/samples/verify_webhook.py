"""Verifies an Emberpay webhook delivery (Standard Webhooks signatures).

Use verify() in your web framework with the raw request body, before parsing it. Run as a script, it
reads {"secret", "webhook_id", "webhook_timestamp", "webhook_signature", "body"} as JSON on stdin and
prints "verified" or "rejected" (exit status 0 or 1): that is how Emberpay's tests run this very file.
"""
import base64
import hashlib
import hmac
import json
import sys
import time

# A delivery older or newer than this is refused, so a captured request cannot be replayed later.
TOLERANCE_SECONDS = 5 * 60


def verify(secret, webhook_id, webhook_timestamp, webhook_signature, body, now=None):
    """True when one of the signatures in webhook-signature was made with this endpoint's secret."""
    now = time.time() if now is None else now
    try:
        timestamp = int(webhook_timestamp)
    except (TypeError, ValueError):
        return False
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
    signed = webhook_id.encode() + b"." + webhook_timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    # during a secret rotation the header carries one signature per secret, space-separated
    for candidate in webhook_signature.split(" "):
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return True
    return False


if __name__ == "__main__":
    delivery = json.load(sys.stdin)
    verified = verify(delivery["secret"], delivery["webhook_id"], delivery["webhook_timestamp"],
                      delivery["webhook_signature"], delivery["body"].encode("utf-8"))
    print("verified" if verified else "rejected")
    sys.exit(0 if verified else 1)
