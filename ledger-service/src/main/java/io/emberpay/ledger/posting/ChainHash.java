package io.emberpay.ledger.posting;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The tamper-evident link of one transaction: SHA-256 over the previous link and every
 * stored field of the transaction and its entries, each length-prefixed so no two
 * different rows encode alike. Changing, removing or reordering any stored row breaks
 * every later link.
 */
public record ChainHash(long seq, String id, String kind, String cause, String correlationId, String reference,
		String resolvesHold, String actor, String description, Instant postedAt, List<Entry> entries) {

	public static final byte[] GENESIS = new byte[32];

	/** One stored entry, in insertion order. */
	public record Entry(String accountId, String currency, String direction, String phase, long amount) {
	}

	/** Timestamps are stored with microsecond precision; hashing uses exactly that. */
	public static Instant storable(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	public byte[] link(byte[] previous) {
		// UTF-8 once per field, then one buffer of exactly the encoded size: this runs on
		// the ledger's one serial writer for every posting
		byte[][] fields = { utf8(this.id), utf8(this.kind), utf8(this.cause), utf8(this.correlationId),
				utf8(this.reference), utf8(this.resolvesHold), utf8(this.actor), utf8(this.description) };
		byte[][] entryFields = new byte[this.entries.size() * 4][];
		int size = previous.length + Long.BYTES + Long.BYTES + Integer.BYTES + Integer.BYTES
				+ this.entries.size() * Long.BYTES;
		for (byte[] field : fields) {
			size += fieldSize(field);
		}
		int f = 0;
		for (Entry entry : this.entries) {
			entryFields[f++] = utf8(entry.accountId());
			entryFields[f++] = utf8(entry.currency());
			entryFields[f++] = utf8(entry.direction());
			entryFields[f++] = utf8(entry.phase());
		}
		for (byte[] field : entryFields) {
			size += fieldSize(field);
		}
		// big-endian, as DataOutputStream wrote it when the chain began: links must not
		// change
		ByteBuffer out = ByteBuffer.allocate(size);
		out.put(previous);
		out.putLong(this.seq);
		for (byte[] field : fields) {
			putField(out, field);
		}
		Instant at = storable(this.postedAt);
		out.putLong(at.getEpochSecond());
		out.putInt(at.getNano());
		out.putInt(this.entries.size());
		f = 0;
		for (Entry entry : this.entries) {
			for (int k = 0; k < 4; k++) {
				putField(out, entryFields[f++]);
			}
			out.putLong(entry.amount());
		}
		return sha256().digest(out.array());
	}

	private static byte[] utf8(String value) {
		return (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null;
	}

	private static int fieldSize(byte[] field) {
		return Integer.BYTES + ((field != null) ? field.length : 0);
	}

	/** Length-prefixed; -1 for an absent value. */
	private static void putField(ByteBuffer out, byte[] field) {
		if (field == null) {
			out.putInt(-1);
			return;
		}
		out.putInt(field.length);
		out.put(field);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
