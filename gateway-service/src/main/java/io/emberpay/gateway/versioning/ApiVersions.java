package io.emberpay.gateway.versioning;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dated versions of the public API, oldest first; docs/changelog.md says what each
 * changed. A version is code, not configuration: an old one stays only as long as the
 * gateway can still answer in its shape ({@link VersionChanges}).
 */
public final class ApiVersions {

	public static final String HEADER = "Emberpay-Version";

	static final List<String> SUPPORTED = List.of("2026-12-01", "2026-12-07");

	static final String CURRENT = SUPPORTED.get(SUPPORTED.size() - 1);

	/** Versions scheduled to go: when they were deprecated, and their sunset. */
	private static final Map<String, Retirement> RETIREMENTS = Map.of("2026-12-01",
			new Retirement(LocalDate.parse("2026-12-07"), LocalDate.parse("2027-06-30")));

	private ApiVersions() {
	}

	/** Every version a request may name, oldest first. */
	public static List<String> supported() {
		return SUPPORTED;
	}

	/** The version a request asked for: the current one when it named none. */
	static Optional<String> resolve(String requested) {
		if (requested == null || requested.isBlank()) {
			return Optional.of(CURRENT);
		}
		String version = requested.strip();
		return SUPPORTED.contains(version) ? Optional.of(version) : Optional.empty();
	}

	static Optional<Retirement> retirement(String version) {
		return Optional.ofNullable(RETIREMENTS.get(version));
	}

	/**
	 * An old version's schedule: answered with {@code Deprecation} from
	 * {@code deprecated} on and {@code Sunset} (RFC 8594) naming the day it stops being
	 * served.
	 */
	record Retirement(LocalDate deprecated, LocalDate sunset) {
	}

}
