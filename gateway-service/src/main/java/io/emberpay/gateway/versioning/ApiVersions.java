package io.emberpay.gateway.versioning;

import java.util.List;
import java.util.Optional;

/**
 * The dated versions of the public API, oldest first; docs/changelog.md says what each
 * changed. A version is code, not configuration: an old one stays only as long as the
 * gateway can still answer in its shape.
 */
public final class ApiVersions {

	public static final String HEADER = "Emberpay-Version";

	static final List<String> SUPPORTED = List.of("2026-12-01");

	static final String CURRENT = SUPPORTED.get(SUPPORTED.size() - 1);

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

}
