// Verifies an Emberpay webhook delivery (Standard Webhooks signatures) in Node.js; the same code works in
// TypeScript (add the parameter types). Call verifyWebhook() with the raw request body, before parsing it.
// Run as a script, it reads {"secret", "webhook_id", "webhook_timestamp", "webhook_signature", "body"} as JSON
// on stdin and prints "verified" or "rejected" (exit status 0 or 1): that is how Emberpay's tests run it.
import { createHmac, timingSafeEqual } from "node:crypto";
import { argv, exit, stdin } from "node:process";
import { fileURLToPath } from "node:url";

// A delivery older or newer than this is refused, so a captured request cannot be replayed later.
const TOLERANCE_SECONDS = 5 * 60;

export function verifyWebhook(secret, webhookId, webhookTimestamp, webhookSignature, rawBody,
    nowSeconds = Date.now() / 1000) {
  const timestamp = Number(webhookTimestamp);
  if (!/^[0-9]+$/.test(String(webhookTimestamp)) || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) {
    return false;
  }
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
  const expected = createHmac("sha256", key)
    .update(`${webhookId}.${webhookTimestamp}.`)
    .update(rawBody)
    .digest();
  // during a secret rotation the header carries one signature per secret, space-separated
  return webhookSignature.split(" ").some((candidate) => {
    const [version, signature] = candidate.split(",");
    if (version !== "v1" || signature === undefined) {
      return false;
    }
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

if (argv[1] === fileURLToPath(import.meta.url)) {
  let input = "";
  stdin.setEncoding("utf8");
  stdin.on("data", (chunk) => { input += chunk; });
  stdin.on("end", () => {
    const delivery = JSON.parse(input);
    const verified = verifyWebhook(delivery.secret, delivery.webhook_id, delivery.webhook_timestamp,
      delivery.webhook_signature, Buffer.from(delivery.body, "utf8"));
    console.log(verified ? "verified" : "rejected");
    exit(verified ? 0 : 1);
  });
}
