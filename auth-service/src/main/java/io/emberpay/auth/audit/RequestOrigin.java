package io.emberpay.auth.audit;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where the current request came from: the client address the gateway saw
 * ({@code X-Client-Ip}, which the gateway always overwrites) or else the peer address.
 */
public final class RequestOrigin {

	private static final int MAX_LENGTH = 64;

	private RequestOrigin() {
	}

	public static String current() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return null;
		}
		HttpServletRequest request = attributes.getRequest();
		String forwarded = request.getHeader("X-Client-Ip");
		String origin = (forwarded != null && !forwarded.isBlank()) ? forwarded.strip() : request.getRemoteAddr();
		return (origin == null || origin.length() <= MAX_LENGTH) ? origin : origin.substring(0, MAX_LENGTH);
	}

}
