package io.emberpay.gateway.edge;

import java.util.Locale;
import java.util.regex.Pattern;

import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Makes the path canonical once, before any decision. A service decodes
 * {@code /v1/auth/%6Cogin} to {@code /v1/auth/login}: rate limits, public-endpoint checks
 * and routes must see that same path, so percent-encoded unreserved characters (RFC 3986
 * 6.2.2.2) are decoded here and the request goes on with the decoded path. What cannot be
 * made canonical is refused: dot segments (decoded ones too), encoded slashes or
 * backslashes, empty segments, matrix parameters, malformed escapes. And
 * {@code /internal} is never served, whatever the route table says.
 */
@Component
class CanonicalPathFilter implements WebFilter, Ordered {

	private static final Pattern NON_CANONICAL = Pattern.compile("(^|/)\\.{1,2}(/|$)|%2f|%5c|\\\\|;|//|%00",
			Pattern.CASE_INSENSITIVE);

	private static final String PATH = CanonicalPathFilter.class.getName() + ".path";

	/** The canonical path of the request, once this filter ran; the raw one before. */
	static String of(ServerWebExchange exchange) {
		String path = exchange.getAttribute(PATH);
		return (path != null) ? path : exchange.getRequest().getPath().value();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String rawPath = exchange.getRequest().getURI().getRawPath();
		String path = (rawPath != null) ? decodeUnreserved(rawPath) : null;
		if (path == null || NON_CANONICAL.matcher(path).find()) {
			return ProblemWriter.write(exchange, GatewayError.INVALID_REQUEST, "The path is not in canonical form",
					null);
		}
		String lower = path.toLowerCase(Locale.ROOT);
		if (lower.equals("/internal") || lower.startsWith("/internal/")) {
			return ProblemWriter.write(exchange, GatewayError.NOT_FOUND, "No such path", null);
		}
		exchange.getAttributes().put(PATH, path);
		if (path.equals(rawPath)) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().request(request -> request.path(path)).build());
	}

	/**
	 * Decodes escapes of unreserved characters and writes the others in upper case;
	 * answers null for a malformed escape.
	 */
	static String decodeUnreserved(String rawPath) {
		if (rawPath.indexOf('%') < 0) {
			return rawPath;
		}
		StringBuilder path = new StringBuilder(rawPath.length());
		for (int i = 0; i < rawPath.length(); i++) {
			char c = rawPath.charAt(i);
			if (c != '%') {
				path.append(c);
				continue;
			}
			if (i + 2 >= rawPath.length()) {
				return null;
			}
			int high = Character.digit(rawPath.charAt(i + 1), 16);
			int low = Character.digit(rawPath.charAt(i + 2), 16);
			if (high < 0 || low < 0) {
				return null;
			}
			char decoded = (char) (high * 16 + low);
			if (unreserved(decoded)) {
				path.append(decoded);
			}
			else {
				path.append('%').append(rawPath.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
			}
			i += 2;
		}
		return path.toString();
	}

	private static boolean unreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
