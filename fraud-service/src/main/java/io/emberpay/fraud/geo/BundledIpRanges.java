package io.emberpay.fraud.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * IPv4 ranges from a CSV table ({@code cidr,country,latitude,longitude}), searched by
 * binary search over range starts; the most specific range wins. IPv6 addresses are not
 * in the bundled table and resolve to nothing.
 */
public final class BundledIpRanges implements IpGeolocation {

	/** A bundled table is small by design; refuse one that has grown into a database. */
	private static final int MAX_RANGES = 100_000;

	private final long[] starts;

	private final long[] ends;

	private final IpLocation[] locations;

	private BundledIpRanges(List<Range> ranges) {
		List<Range> sorted = new ArrayList<>(ranges);
		sorted.sort(Comparator.comparingLong(Range::start).thenComparingLong(r -> -r.end()));
		this.starts = sorted.stream().mapToLong(Range::start).toArray();
		this.ends = sorted.stream().mapToLong(Range::end).toArray();
		this.locations = sorted.stream().map(Range::location).toArray(IpLocation[]::new);
	}

	public static BundledIpRanges load(InputStream csv) {
		List<Range> ranges = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				line = line.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				if (ranges.size() == MAX_RANGES) {
					throw new IllegalStateException("IP range table exceeds " + MAX_RANGES + " rows");
				}
				ranges.add(Range.parse(line));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new BundledIpRanges(ranges);
	}

	@Override
	public Optional<IpLocation> locate(String ip) {
		long address = ipv4(ip);
		if (address < 0) {
			return Optional.empty();
		}
		// ranges may nest; walk back from the last start <= address to the narrowest
		// match
		int index = lastStartAtOrBefore(address);
		IpLocation best = null;
		long bestWidth = Long.MAX_VALUE;
		for (int i = index; i >= 0 && i > index - 64; i--) {
			if (address <= this.ends[i] && this.ends[i] - this.starts[i] < bestWidth) {
				best = this.locations[i];
				bestWidth = this.ends[i] - this.starts[i];
			}
		}
		return Optional.ofNullable(best);
	}

	private int lastStartAtOrBefore(long address) {
		int low = 0;
		int high = this.starts.length - 1;
		int found = -1;
		while (low <= high) {
			int mid = (low + high) >>> 1;
			if (this.starts[mid] <= address) {
				found = mid;
				low = mid + 1;
			}
			else {
				high = mid - 1;
			}
		}
		return found;
	}

	/** The address as an unsigned 32-bit value, or -1 when it is not dotted IPv4. */
	static long ipv4(String ip) {
		if (ip == null) {
			return -1;
		}
		String[] parts = ip.split("\\.", -1);
		if (parts.length != 4) {
			return -1;
		}
		long value = 0;
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
				return -1;
			}
			int octet = Integer.parseInt(part);
			if (octet > 255) {
				return -1;
			}
			value = (value << 8) | octet;
		}
		return value;
	}

	private record Range(long start, long end, IpLocation location) {

		static Range parse(String line) {
			String[] fields = line.split(",");
			if (fields.length != 4) {
				throw new IllegalArgumentException("expected cidr,country,latitude,longitude: " + line);
			}
			String[] cidr = fields[0].strip().split("/");
			long base = ipv4(cidr[0]);
			int prefix = Integer.parseInt(cidr[1]);
			if (base < 0 || prefix < 0 || prefix > 32) {
				throw new IllegalArgumentException("bad CIDR " + fields[0]);
			}
			long size = 1L << (32 - prefix);
			long start = base & ~(size - 1) & 0xFFFFFFFFL;
			return new Range(start, start + size - 1, new IpLocation(fields[1].strip(),
					Double.parseDouble(fields[2].strip()), Double.parseDouble(fields[3].strip())));
		}

	}

}
