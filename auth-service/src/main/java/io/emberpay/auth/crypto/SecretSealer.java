package io.emberpay.auth.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.emberpay.auth.config.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * Seals secrets kept at rest (JWT signing keys, TOTP secrets) with AES-256-GCM under the
 * configured master key. The row's id is the associated data, so a sealed value copied
 * onto another row does not open.
 */
@Component
public class SecretSealer {

	private static final byte VERSION = 1;

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	SecretSealer(AuthProperties properties) {
		byte[] raw = Base64.getDecoder().decode(properties.secrets().masterKey());
		if (raw.length != 32) {
			throw new IllegalStateException("emberpay.auth.secrets.master-key must be 32 bytes, base64");
		}
		this.key = new SecretKeySpec(raw, "AES");
	}

	public byte[] seal(byte[] plaintext, String rowId) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("sealing failed", ex);
		}
	}

	public byte[] open(byte[] sealed, String rowId) {
		if (sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
			throw new IllegalStateException("sealed secret of row " + rowId + " has an unknown format");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
			cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("sealed secret of row " + rowId + " does not open with the master key", ex);
		}
	}

}
