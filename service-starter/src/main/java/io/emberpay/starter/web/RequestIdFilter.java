package io.emberpay.starter.web;

import java.io.IOException;
import java.util.regex.Pattern;

import io.emberpay.events.ResourceIds;
import io.emberpay.starter.request.RequestId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Echoes a well-formed {@code X-Request-Id} (the gateway sets one) or makes a new one,
 * and keeps it in the logging context for the whole request.
 */
class RequestIdFilter extends OncePerRequestFilter {

	private static final Logger accessLog = LoggerFactory.getLogger("io.emberpay.access");

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = request.getHeader(RequestId.HEADER);
		if (requestId == null || !WELL_FORMED.matcher(requestId).matches()) {
			requestId = ResourceIds.next("req");
		}
		MDC.put(RequestId.MDC_KEY, requestId);
		response.setHeader(RequestId.HEADER, requestId);
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (!request.getRequestURI().startsWith("/actuator")) {
				// the access log: ids, never bodies or query strings, which may carry
				// personal data
				accessLog.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
						(System.nanoTime() - started) / 1_000_000);
			}
			MDC.remove(RequestId.MDC_KEY);
		}
	}

}
