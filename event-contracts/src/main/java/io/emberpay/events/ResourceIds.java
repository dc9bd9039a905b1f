package io.emberpay.events;

import java.security.SecureRandom;

/**
 * Resource ids ({@code pay_}, {@code evt_}, ...): prefix + 48-bit millisecond time + 80
 * random bits in Crockford base32, so ids sort by creation time and never collide across
 * replicas.
 */
public final class ResourceIds {

	private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private ResourceIds() {
	}

	public static String event() {
		return next("evt");
	}

	/** A time-ordered id with the given resource prefix, e.g. {@code pay_01j...}. */
	public static String next(String prefix) {
		byte[] random = new byte[10];
		RANDOM.nextBytes(random);
		long time = System.currentTimeMillis();
		StringBuilder id = new StringBuilder(prefix.length() + 27).append(prefix).append('_');
		for (int shift = 45; shift >= 0; shift -= 5) {
			id.append(ALPHABET[(int) ((time >>> shift) & 31)]);
		}
		long high = 0;
		for (int i = 0; i < 5; i++) {
			high = (high << 8) | (random[i] & 0xff);
		}
		long low = 0;
		for (int i = 5; i < 10; i++) {
			low = (low << 8) | (random[i] & 0xff);
		}
		for (int shift = 35; shift >= 0; shift -= 5) {
			id.append(ALPHABET[(int) ((high >>> shift) & 31)]);
		}
		for (int shift = 35; shift >= 0; shift -= 5) {
			id.append(ALPHABET[(int) ((low >>> shift) & 31)]);
		}
		return id.toString();
	}

}
