package io.emberpay.psp.config;

import java.io.IOException;

import io.emberpay.psp.error.BodyTooLargeException;
import io.emberpay.psp.error.ErrorWriter;
import io.emberpay.psp.error.PspError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits request bodies to {@code emberpay.psp.max-request-bytes}: a declared length
 * above it is refused with 413 before anything is read, and a chunked body stops being
 * read at the limit. Every body this API takes is a few hundred bytes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
class RequestSizeFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final ErrorWriter errors;

	RequestSizeFilter(PspProperties properties, ErrorWriter errors) {
		this.maxBytes = properties.maxRequestBytes();
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			this.errors.write(response,
					PspError.PAYLOAD_TOO_LARGE.body("request bodies are limited to " + this.maxBytes + " bytes"));
			return;
		}
		chain.doFilter(new BoundedRequest(request, this.maxBytes), response);
	}

	private static final class BoundedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream bounded;

		BoundedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.bounded == null) {
				this.bounded = new BoundedInputStream(super.getInputStream(), this.maxBytes);
			}
			return this.bounded;
		}

	}

	private static final class BoundedInputStream extends ServletInputStream {

		private final ServletInputStream body;

		private final long maxBytes;

		private long read;

		BoundedInputStream(ServletInputStream body, long maxBytes) {
			this.body = body;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int next = this.body.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.body.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) throws BodyTooLargeException {
			this.read += bytes;
			if (this.read > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.body.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.body.setReadListener(listener);
		}

	}

}
