package io.emberpay.payment.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption with AES-256-GCM: every record gets its own random data key, which
 * encrypts the secret and is itself encrypted ("wrapped") by a versioned key-encryption
 * key. Rotating the key-encryption key only re-wraps the small data keys; ciphertexts of
 * the secrets never change. The record id is authenticated data, so a ciphertext copied
 * onto another record does not decrypt.
 */
final class EnvelopeCipher {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final Map<Integer, SecretKey> keyEncryptionKeys = new HashMap<>();

	private final int activeVersion;

	private final SecretKey fingerprintKey;

	EnvelopeCipher(VaultProperties properties) {
		properties.keyEncryptionKeys()
			.forEach((version, encoded) -> this.keyEncryptionKeys.put(version, aesKey(encoded)));
		this.activeVersion = properties.activeKekVersion();
		byte[] fingerprint = Base64.getDecoder().decode(properties.fingerprintKey());
		if (fingerprint.length < 32) {
			throw new IllegalArgumentException("emberpay.vault.fingerprint-key must be at least 256 bits");
		}
		this.fingerprintKey = new SecretKeySpec(fingerprint, "HmacSHA256");
	}

	private static SecretKey aesKey(String encoded) {
		byte[] key = Base64.getDecoder().decode(encoded);
		if (key.length != 32) {
			throw new IllegalArgumentException("a key-encryption key must be 256 bits");
		}
		return new SecretKeySpec(key, "AES");
	}

	int activeVersion() {
		return this.activeVersion;
	}

	Sealed seal(String recordId, byte[] secret) {
		try {
			KeyGenerator generator = KeyGenerator.getInstance("AES");
			generator.init(256, this.random);
			SecretKey dataKey = generator.generateKey();
			byte[] ciphertext = encrypt(dataKey, secret, aad("data", recordId));
			return new Sealed(ciphertext, wrap(recordId, dataKey.getEncoded(), this.activeVersion), this.activeVersion);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a vault record", ex);
		}
	}

	byte[] open(String recordId, Sealed sealed) {
		try {
			byte[] dataKey = unwrap(recordId, sealed.wrappedDataKey(), sealed.kekVersion());
			return decrypt(new SecretKeySpec(dataKey, "AES"), sealed.ciphertext(), aad("data", recordId));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not decrypt vault record " + recordId, ex);
		}
	}

	/** The data key re-wrapped under the active key-encryption key. */
	byte[] rewrap(String recordId, byte[] wrappedDataKey, int kekVersion) {
		try {
			return wrap(recordId, unwrap(recordId, wrappedDataKey, kekVersion), this.activeVersion);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not re-wrap the data key of " + recordId, ex);
		}
	}

	/** Keyed HMAC-SHA256 of the number: the same card gives the same value. */
	String fingerprint(String digits) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.fingerprintKey);
			byte[] digest = mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not fingerprint a card", ex);
		}
	}

	private byte[] wrap(String recordId, byte[] dataKey, int version) throws GeneralSecurityException {
		return encrypt(kek(version), dataKey, aad("kek" + version, recordId));
	}

	private byte[] unwrap(String recordId, byte[] wrapped, int version) throws GeneralSecurityException {
		return decrypt(kek(version), wrapped, aad("kek" + version, recordId));
	}

	private SecretKey kek(int version) {
		SecretKey key = this.keyEncryptionKeys.get(version);
		if (key == null) {
			throw new IllegalStateException("Key-encryption key version " + version + " is not configured");
		}
		return key;
	}

	private byte[] encrypt(SecretKey key, byte[] plaintext, byte[] aad) throws GeneralSecurityException {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD(aad);
		byte[] ciphertext = cipher.doFinal(plaintext);
		return ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array();
	}

	private static byte[] decrypt(SecretKey key, byte[] ivAndCiphertext, byte[] aad) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
		cipher.updateAAD(aad);
		return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
	}

	private static byte[] aad(String purpose, String recordId) {
		return (purpose + ":" + recordId).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A secret at rest: its ciphertext, its wrapped data key and the wrapping key's
	 * version.
	 */
	record Sealed(byte[] ciphertext, byte[] wrappedDataKey, int kekVersion) {
	}

}
