package io.emberpay.ledger.posting;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
		ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
		try (DataOutputStream out = new DataOutputStream(buffer)) {
			out.write(previous);
			out.writeLong(this.seq);
			for (String field : new String[] { this.id, this.kind, this.cause, this.correlationId, this.reference,
					this.resolvesHold, this.actor, this.description }) {
				writeField(out, field);
			}
			Instant at = storable(this.postedAt);
			out.writeLong(at.getEpochSecond());
			out.writeInt(at.getNano());
			out.writeInt(this.entries.size());
			for (Entry entry : this.entries) {
				writeField(out, entry.accountId());
				writeField(out, entry.currency());
				writeField(out, entry.direction());
				writeField(out, entry.phase());
				out.writeLong(entry.amount());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return sha256().digest(buffer.toByteArray());
	}

	private static void writeField(DataOutputStream out, String value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
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
