package io.emberpay.starter.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * IETF Idempotency-Key semantics for the API's POSTs: claims the caller's key before the
 * request runs, answers a duplicate from the stored response byte for byte, refuses a
 * reused key with a different request and a duplicate of a request still running.
 * Responses with a final answer (2xx, 4xx) are stored; a 5xx releases the key so the
 * client's retry runs again. Which POSTs accept a key and which need one is the service's
 * setting ({@link IdempotencyPaths}).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

	public static final String HEADER = "Idempotency-Key";

	public static final String REPLAYED = "Idempotent-Replayed";

	public static final int MAX_KEY_LENGTH = 255;

	private final IdempotencyStore store;

	private final IdempotencyProperties properties;

	private final HandlerExceptionResolver problems;

	private final IdempotencyPaths paths;

	IdempotencyFilter(IdempotencyStore store, IdempotencyProperties properties, HandlerExceptionResolver problems) {
		this.store = store;
		this.properties = properties;
		this.paths = new IdempotencyPaths(properties);
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !this.paths.accepts(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String callerId = callerId();
		if (callerId == null) {
			chain.doFilter(request, response);
			return;
		}
		String key = request.getHeader(HEADER);
		if (key == null) {
			if (this.paths.requires(request.getRequestURI())) {
				refuse(request, response, IdempotencyStore.missing());
			}
			else {
				chain.doFilter(request, response);
			}
			return;
		}
		if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
			refuse(request, response,
					ApiException.invalid(HEADER, "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters"));
			return;
		}
		byte[] body = request.getInputStream().readNBytes(this.properties.maxBodyBytes() + 1);
		if (body.length > this.properties.maxBodyBytes()) {
			refuse(request, response, new ApiException(CommonError.PAYLOAD_TOO_LARGE, "Request body too large"));
			return;
		}
		String hash = requestHash(request.getMethod(), request.getRequestURI(), body);
		IdempotencyStore.Claim claim = this.store.claim(callerId, key, request.getMethod(), request.getRequestURI(),
				hash);
		switch (claim) {
			case IdempotencyStore.Claim.Replay replay -> replay(response, replay);
			case IdempotencyStore.Claim.InProgress inProgress ->
				refuse(request, response, new ApiException(CommonError.IDEMPOTENCY_REQUEST_IN_PROGRESS,
						"A request with this Idempotency-Key is still running; retry later", HEADER));
			case IdempotencyStore.Claim.Mismatch mismatch ->
				refuse(request, response, new ApiException(CommonError.IDEMPOTENCY_KEY_REUSED,
						"This Idempotency-Key was used with a different request", HEADER));
			case IdempotencyStore.Claim.Proceed proceed ->
				run(new CachedBodyRequest(request, body), response, chain, proceed.scope());
		}
	}

	private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			IdempotencyScope scope) throws ServletException, IOException {
		ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
		request.setAttribute(IdempotencyScope.ATTRIBUTE, scope);
		boolean finished = false;
		try {
			chain.doFilter(request, recorded);
			finished = true;
		}
		finally {
			int status = recorded.getStatus();
			if (finished && isFinalAnswer(status)) {
				this.store.complete(scope, status, recorded.getContentType(), recorded.getContentAsByteArray());
			}
			else {
				this.store.release(scope);
			}
			recorded.copyBodyToResponse();
		}
	}

	private static boolean isFinalAnswer(int status) {
		return status >= 200 && status < 500 && status != HttpStatus.TOO_MANY_REQUESTS.value();
	}

	private static void replay(HttpServletResponse response, IdempotencyStore.Claim.Replay replay) throws IOException {
		response.setStatus(replay.status());
		if (replay.contentType() != null) {
			response.setContentType(replay.contentType());
		}
		response.setHeader(REPLAYED, "true");
		byte[] body = (replay.body() == null) ? new byte[0] : replay.body();
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, ApiException problem) {
		// Renders through the same @RestControllerAdvice as every other problem.
		this.problems.resolveException(request, response, null, problem);
	}

	private static String callerId() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof Jwt jwt)
				? scope(jwt.getSubject(), Boolean.TRUE.equals(jwt.getClaimAsBoolean("livemode"))) : null;
	}

	/**
	 * Whose keys a request's key is among. A merchant's test and live credentials are two
	 * callers, so a key first used in test never replays into live or tells live what
	 * test did. Live merchants and users keep the bare id their keys were always stored
	 * under, so no live key in flight is forgotten by this scoping.
	 */
	public static String scope(String subject, boolean livemode) {
		return (subject != null && subject.startsWith("mer_") && !livemode) ? subject + ":test" : subject;
	}

	static String requestHash(String method, String path, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The request with its body already read, so the controller can read it again. */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {
				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					try {
						return in.available() == 0;
					}
					catch (IOException ex) {
						return true;
					}
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
