package io.emberpay.subscription.idempotency;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Subscription changes move money, so every {@code POST /v1/subscriptions…} needs an
 * {@code Idempotency-Key} (api.md, Idempotency): the same key and body answer the first
 * response again with {@code Idempotent-Replayed: true} and do nothing twice; the same
 * key with another body is 422; while the first is still running, 409. A 5xx answer is
 * not kept, so the client's retry runs again.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	private static final int MAX_KEY_LENGTH = 255;

	private static final int MAX_BODY_BYTES = 64 * 1024;

	private final JdbcClient jdbc;

	private final HandlerExceptionResolver problems;

	IdempotencyFilter(JdbcClient jdbc, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.jdbc = jdbc;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/v1/subscriptions");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String caller = callerId();
		if (caller == null) {
			chain.doFilter(request, response);
			return;
		}
		String key = request.getHeader(HEADER);
		if (key == null) {
			refuse(request, response, new ApiException(CommonError.IDEMPOTENCY_KEY_MISSING,
					"Subscription changes need an Idempotency-Key header", HEADER));
			return;
		}
		if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
			refuse(request, response,
					ApiException.invalid(HEADER, "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters"));
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			refuse(request, response, new ApiException(CommonError.PAYLOAD_TOO_LARGE, "Request body too large"));
			return;
		}
		String hash = hash(request.getRequestURI(), body);
		boolean claimed = this.jdbc.sql("""
				insert into idempotency_key (caller, idempotency_key, request_hash) values (?, ?, ?)
				on conflict do nothing""").params(caller, key, hash).update() == 1;
		if (!claimed) {
			answerEarlier(request, response, caller, key, hash);
			return;
		}
		ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
		boolean finished = false;
		try {
			chain.doFilter(new CachedBodyRequest(request, body), recorded);
			finished = true;
		}
		finally {
			int status = recorded.getStatus();
			if (finished && status < 500 && status != 429) {
				this.jdbc.sql("""
						update idempotency_key set response_status = ?, content_type = ?, response_body = ?
						where caller = ? and idempotency_key = ?""")
					.params(status, recorded.getContentType(), recorded.getContentAsByteArray(), caller, key)
					.update();
			}
			else {
				this.jdbc.sql("delete from idempotency_key where caller = ? and idempotency_key = ?")
					.params(caller, key)
					.update();
			}
			recorded.copyBodyToResponse();
		}
	}

	private void answerEarlier(HttpServletRequest request, HttpServletResponse response, String caller, String key,
			String hash) throws IOException {
		List<Map<String, Object>> rows = this.jdbc.sql("""
				select request_hash, response_status, content_type, response_body from idempotency_key
				where caller = ? and idempotency_key = ?""").params(caller, key).query().listOfRows();
		if (rows.isEmpty()) {
			refuse(request, response, new ApiException(CommonError.IDEMPOTENCY_REQUEST_IN_PROGRESS,
					"A request with this Idempotency-Key is still running; retry later", HEADER));
			return;
		}
		Map<String, Object> earlier = rows.get(0);
		if (!hash.equals(earlier.get("request_hash"))) {
			refuse(request, response, new ApiException(CommonError.IDEMPOTENCY_KEY_REUSED,
					"This Idempotency-Key was used with a different request", HEADER));
			return;
		}
		if (earlier.get("response_status") == null) {
			refuse(request, response, new ApiException(CommonError.IDEMPOTENCY_REQUEST_IN_PROGRESS,
					"A request with this Idempotency-Key is still running; retry later", HEADER));
			return;
		}
		response.setStatus(((Number) earlier.get("response_status")).intValue());
		if (earlier.get("content_type") != null) {
			response.setContentType((String) earlier.get("content_type"));
		}
		response.setHeader("Idempotent-Replayed", "true");
		byte[] stored = (byte[]) earlier.get("response_body");
		byte[] replayed = (stored == null) ? new byte[0] : stored;
		response.setContentLength(replayed.length);
		response.getOutputStream().write(replayed);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, ApiException problem) {
		this.problems.resolveException(request, response, null, problem);
	}

	private static String callerId() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) ? jwt.getSubject() : null;
	}

	private static String hash(String path, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(("POST " + path + "\n").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The request with its body already read, so the controller reads it again. */
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
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
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
