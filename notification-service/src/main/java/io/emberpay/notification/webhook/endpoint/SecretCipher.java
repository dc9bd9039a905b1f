package io.emberpay.notification.webhook.endpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.emberpay.notification.config.WebhookProperties;
import io.emberpay.notification.webhook.signing.WebhookSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Encrypts signing secrets at rest with AES-256-GCM. The endpoint id is authenticated
 * data, so a ciphertext copied onto another endpoint's row does not decrypt. Layout:
 * version byte, 12-byte nonce, ciphertext with its 16-byte tag.
 */
@Component
public class SecretCipher {

	private static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * The development key application.yml falls back to; public, so never for real
	 * secrets.
	 */
	private static final String DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdCE=";

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

	private final SecretKeySpec key;

	SecretCipher(WebhookProperties properties) {
		byte[] raw = Base64.getDecoder().decode(properties.secretKey());
		if (raw.length != 32) {
			throw new IllegalArgumentException("emberpay.notification.webhooks.secret-key must be 32 bytes, base64");
		}
		this.key = new SecretKeySpec(raw, "AES");
		if (DEVELOPMENT_KEY.equals(properties.secretKey())) {
			log.warn("WEBHOOK SECRETS ARE ENCRYPTED WITH THE PUBLIC DEVELOPMENT KEY. "
					+ "Set EMBERPAY_WEBHOOK_SECRET_KEY (32 random bytes, base64) everywhere but a local run.");
		}
	}

	public byte[] encrypt(String endpointId, WebhookSecret secret) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret.key());
			return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	public WebhookSecret decrypt(String endpointId, byte[] stored) {
		if (stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
			throw new IllegalStateException("webhook secret of " + endpointId + " has an unknown format");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
			cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
			return WebhookSecret.ofKey(cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("webhook secret of " + endpointId + " does not decrypt", ex);
		}
	}

}
