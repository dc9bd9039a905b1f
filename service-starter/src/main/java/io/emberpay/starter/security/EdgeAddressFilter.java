package io.emberpay.starter.security;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Client address headers ({@code X-Client-Ip} and the proxies' ones) are believed only
 * from the gateway: on a request that does not carry the gateway's service token for this
 * service (in {@code Emberpay-Edge-Token} on routed requests, or as the bearer token of
 * an internal call) they are hidden from everything after this filter, which then sees
 * only the peer address.
 */
final class EdgeAddressFilter extends OncePerRequestFilter {

	/** The gateway's service token on a public request it routed, beside the caller's. */
	public static final String EDGE_TOKEN_HEADER = "Emberpay-Edge-Token";

	static final Set<String> ADDRESS_HEADERS = Set.of("x-client-ip", "x-real-ip", "forwarded", "x-forwarded-for",
			"x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "true-client-ip",
			"cf-connecting-ip");

	private final JwtDecoder decoder;

	private final String edgeCaller;

	/**
	 * The gateway sends one token per service for minutes: remembering the last one
	 * spares a verification per request where the decoder keeps no cache (auth-service).
	 */
	private volatile VouchedToken lastVouched;

	EdgeAddressFilter(JwtDecoder decoder, String edgeCaller) {
		this.decoder = decoder;
		this.edgeCaller = edgeCaller;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// only a request that claims an address costs a token check
		if (!carriesAddress(request) || fromEdge(request)) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(new WithoutAddressHeaders(request), response);
	}

	private boolean fromEdge(HttpServletRequest request) {
		String token = request.getHeader(EDGE_TOKEN_HEADER);
		if (token == null && request.getRequestURI().startsWith("/internal/")) {
			String authorization = request.getHeader("Authorization");
			if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				return false;
			}
			token = authorization.substring(7).strip();
		}
		if (token == null) {
			return false;
		}
		token = token.strip();
		VouchedToken last = this.lastVouched;
		if (last != null && last.token().equals(token) && Instant.now().isBefore(last.expiresAt())) {
			return true;
		}
		try {
			Jwt jwt = this.decoder.decode(token);
			boolean vouched = ServiceToken.is(jwt) && this.edgeCaller.equals(jwt.getSubject());
			if (vouched && jwt.getExpiresAt() != null) {
				this.lastVouched = new VouchedToken(token, jwt.getExpiresAt());
			}
			return vouched;
		}
		catch (JwtException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean carriesAddress(HttpServletRequest request) {
		Enumeration<String> names = request.getHeaderNames();
		while (names.hasMoreElements()) {
			if (ADDRESS_HEADERS.contains(names.nextElement().toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	private record VouchedToken(String token, Instant expiresAt) {
	}

	private static final class WithoutAddressHeaders extends HttpServletRequestWrapper {

		WithoutAddressHeaders(HttpServletRequest request) {
			super(request);
		}

		private static boolean hidden(String name) {
			return ADDRESS_HEADERS.contains(name.toLowerCase(Locale.ROOT));
		}

		@Override
		public String getHeader(String name) {
			return hidden(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(
					Collections.list(super.getHeaderNames()).stream().filter((name) -> !hidden(name)).toList());
		}

	}

}
