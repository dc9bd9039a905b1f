package io.emberpay.payment.vault;

import org.springframework.stereotype.Component;

/**
 * Seals documents other than card and bank numbers (a dispute's evidence) with the
 * vault's envelope encryption: a data key per record, wrapped by the active
 * key-encryption key, the record id bound in as authenticated data.
 */
@Component
public class DocumentVault {

	private final EnvelopeCipher cipher;

	DocumentVault(EnvelopeCipher cipher) {
		this.cipher = cipher;
	}

	public SealedDocument seal(String recordId, byte[] document) {
		EnvelopeCipher.Sealed sealed = this.cipher.seal(recordId, document);
		return new SealedDocument(sealed.ciphertext(), sealed.wrappedDataKey(), sealed.kekVersion());
	}

	public byte[] open(String recordId, SealedDocument document) {
		return this.cipher.open(recordId,
				new EnvelopeCipher.Sealed(document.ciphertext(), document.wrappedDataKey(), document.kekVersion()));
	}

	/** A sealed document as stored. */
	public record SealedDocument(byte[] ciphertext, byte[] wrappedDataKey, int kekVersion) {
	}

}
