package io.emberpay.auth.servicetoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Which service presents a client credential. Only SHA-256 digests of the secrets stay in
 * memory, compared in constant time; the secrets are 256-bit random values, so a plain
 * digest is enough.
 */
@Component
class ServiceClients {

	private static final int MAX_CREDENTIAL_LENGTH = 1024;

	private final Map<String, byte[]> digests = new HashMap<>();

	ServiceClients(ServiceClientProperties properties) {
		properties.secrets().forEach((name, secret) -> this.digests.put(name, sha256(secret)));
	}

	boolean knows(String service) {
		return this.digests.containsKey(service);
	}

	/** The service an HTTP Basic {@code Authorization} header proves, if any. */
	Optional<String> authenticate(String authorization) {
		if (authorization == null || authorization.length() > MAX_CREDENTIAL_LENGTH
				|| !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		String service = decoded.substring(0, colon);
		byte[] expected = this.digests.get(service);
		byte[] presented = sha256(decoded.substring(colon + 1));
		if (expected == null || !MessageDigest.isEqual(expected, presented)) {
			return Optional.empty();
		}
		return Optional.of(service);
	}

	private static byte[] sha256(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
