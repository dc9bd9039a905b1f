package io.emberpay.starter.idempotency;

import java.util.List;

import org.springframework.util.AntPathMatcher;

/**
 * Which POST paths take an Idempotency-Key and which need one, from the service's
 * {@link IdempotencyProperties}. A required path is handled even if the accepted patterns
 * forgot it, so a setting cannot silently turn a money-moving POST into one without keys.
 */
public final class IdempotencyPaths {

	private final AntPathMatcher matcher = new AntPathMatcher();

	private final List<String> accepted;

	private final List<String> excluded;

	private final List<String> required;

	public IdempotencyPaths(IdempotencyProperties properties) {
		this.accepted = List.copyOf(properties.acceptedPaths());
		this.excluded = List.copyOf(properties.excludedPaths());
		this.required = List.copyOf(properties.requiredPaths());
	}

	/** Whether a POST to {@code path} may carry a key. */
	public boolean accepts(String path) {
		return (matchesAny(this.accepted, path) || matchesAny(this.required, path)) && !matchesAny(this.excluded, path);
	}

	/** Whether a POST to {@code path} is refused without a key. */
	public boolean requires(String path) {
		return accepts(path) && matchesAny(this.required, path);
	}

	private boolean matchesAny(List<String> patterns, String path) {
		return patterns.stream().anyMatch((pattern) -> this.matcher.match(pattern, path));
	}

}
