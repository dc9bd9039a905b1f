package io.emberpay.psp;

import java.util.Optional;

/** The acquirers this simulator plays; each has its own state, ledger and faults. */
public enum Acquirer {

	PSP_A("psp-a"), PSP_B("psp-b");

	private final String pathName;

	Acquirer(String pathName) {
		this.pathName = pathName;
	}

	/** The name used in URLs, stats and settlement files. */
	public String pathName() {
		return this.pathName;
	}

	public static Optional<Acquirer> fromPathName(String name) {
		for (Acquirer acquirer : values()) {
			if (acquirer.pathName.equals(name)) {
				return Optional.of(acquirer);
			}
		}
		return Optional.empty();
	}

	/** The acquirer whose API a request path addresses, e.g. {@code /psp-a/v1/...}. */
	public static Optional<Acquirer> fromRequestPath(String path) {
		if (path == null || path.length() < 2) {
			return Optional.empty();
		}
		int end = path.indexOf('/', 1);
		return fromPathName((end < 0) ? path.substring(1) : path.substring(1, end));
	}

	@Override
	public String toString() {
		return this.pathName;
	}

}
