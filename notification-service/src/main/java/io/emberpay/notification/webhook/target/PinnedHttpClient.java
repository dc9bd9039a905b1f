package io.emberpay.notification.webhook.target;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Sends one webhook POST over HTTP/1.1 to the exact address the policy checked (so DNS
 * cannot answer differently between the check and the connection). TLS verifies the
 * certificate against the URL's host name. Redirects are never followed (a 3xx is a
 * failed attempt); the status line is read (at most 8 KiB), then at most 8 KiB of headers
 * and the first {@link #MAX_RESPONSE_BODY} bytes of the body, for the attempt log; and a
 * timer closes the socket at the deadline so a receiver that trickles bytes cannot hold
 * us longer. The status alone decides the outcome: a body that cannot be read is left
 * out.
 */
public final class PinnedHttpClient implements AutoCloseable {

	private static final int MAX_STATUS_LINE = 8 * 1024;

	private static final int MAX_RESPONSE_HEADERS = 8 * 1024;

	/** The most of a response body kept for the attempt log (issue #25: "first 2 KB"). */
	public static final int MAX_RESPONSE_BODY = 2 * 1024;

	/**
	 * How long the body may take once the status line is in: the outcome is known, so a
	 * receiver slow to finish its body never holds the attempt much longer.
	 */
	private static final int BODY_READ_TIMEOUT_MS = 1_000;

	private final SSLContext tls;

	private final ScheduledExecutorService deadlines = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("webhook-deadlines").daemon(true).factory());

	public PinnedHttpClient() {
		try {
			this.tls = SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("no default TLS context", ex);
		}
	}

	/**
	 * Answers the response's status code and the start of its body; throws when no status
	 * line came in time.
	 */
	public Response post(WebhookTarget target, InetAddress address, Map<String, String> headers, byte[] body,
			Duration timeout) throws IOException {
		Socket raw = new Socket();
		ScheduledFuture<?> deadline = this.deadlines.schedule(() -> closeQuietly(raw), timeout.toMillis(),
				TimeUnit.MILLISECONDS);
		try {
			int timeoutMs = (int) timeout.toMillis();
			raw.connect(new InetSocketAddress(address, target.port()), timeoutMs);
			raw.setSoTimeout(timeoutMs);
			// the request goes out in one write; no Nagle wait on a delayed ACK
			raw.setTcpNoDelay(true);
			Socket socket = target.secure() ? startTls(raw, target) : raw;
			byte[] head = requestHead(target, headers, body.length).getBytes(StandardCharsets.ISO_8859_1);
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), head.length + body.length);
			out.write(head);
			out.write(body);
			out.flush();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			int status = statusCode(readStatusLine(in));
			return new Response(status, readBodyStart(socket, in, Math.min(timeoutMs, BODY_READ_TIMEOUT_MS)));
		}
		catch (IOException ex) {
			if (deadline.isDone()) {
				throw new IOException("no response within " + timeout.toSeconds() + " s", ex);
			}
			throw ex;
		}
		finally {
			deadline.cancel(false);
			closeQuietly(raw);
		}
	}

	private Socket startTls(Socket raw, WebhookTarget target) throws IOException {
		SSLSocket socket = (SSLSocket) this.tls.getSocketFactory()
			.createSocket(raw, target.host(), target.port(), true);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (target.literal() == null) {
			parameters.setServerNames(List.of(new SNIHostName(target.host())));
		}
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	private static String requestHead(WebhookTarget target, Map<String, String> headers, int contentLength) {
		StringBuilder head = new StringBuilder(512).append("POST ")
			.append(target.pathAndQuery())
			.append(" HTTP/1.1\r\n")
			.append("Host: ")
			.append(target.hostHeader())
			.append("\r\n")
			.append("Content-Type: application/json\r\n")
			.append("Content-Length: ")
			.append(contentLength)
			.append("\r\n")
			.append("Connection: close\r\n")
			.append("User-Agent: Emberpay-Webhooks/1.0\r\n");
		headers.forEach((name, value) -> {
			if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
				throw new IllegalArgumentException("header " + name + " contains a line break");
			}
			head.append(name).append(": ").append(value).append("\r\n");
		});
		return head.append("\r\n").toString();
	}

	private static String readStatusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder(64);
		while (line.length() < MAX_STATUS_LINE) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("connection closed before a status line");
			}
			if (next == '\n') {
				return line.toString().strip();
			}
			line.append((char) next);
		}
		throw new IOException("status line longer than " + MAX_STATUS_LINE + " bytes");
	}

	/**
	 * Up to {@link #MAX_RESPONSE_BODY} bytes of the body (de-chunked), or {@code null}
	 * when there is none or it could not be read in time; never throws.
	 */
	private static byte[] readBodyStart(Socket socket, InputStream in, int timeoutMs) {
		try {
			socket.setSoTimeout(timeoutMs);
			long contentLength = -1;
			boolean chunked = false;
			int headerBytes = 0;
			String line;
			while (!(line = readLine(in, MAX_RESPONSE_HEADERS - headerBytes)).isEmpty()) {
				headerBytes += line.length() + 2;
				int colon = line.indexOf(':');
				if (colon <= 0) {
					continue;
				}
				String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
				String value = line.substring(colon + 1).strip();
				if (name.equals("content-length") && value.matches("[0-9]{1,18}")) {
					contentLength = Long.parseLong(value);
				}
				else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
					chunked = true;
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if (chunked) {
				readChunks(in, body);
			}
			else {
				copy(in, body, (contentLength >= 0) ? Math.min(contentLength, MAX_RESPONSE_BODY) : MAX_RESPONSE_BODY);
			}
			return (body.size() == 0) ? null : body.toByteArray();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static void readChunks(InputStream in, ByteArrayOutputStream body) throws IOException {
		while (body.size() < MAX_RESPONSE_BODY) {
			String sizeLine = readLine(in, 1024);
			int extension = sizeLine.indexOf(';');
			String hex = ((extension >= 0) ? sizeLine.substring(0, extension) : sizeLine).strip();
			if (!hex.matches("[0-9a-fA-F]{1,8}")) {
				return;
			}
			long size = Long.parseLong(hex, 16);
			if (size == 0) {
				return;
			}
			copy(in, body, Math.min(size, MAX_RESPONSE_BODY - body.size()));
			if (body.size() >= MAX_RESPONSE_BODY) {
				return;
			}
			readLine(in, 2);
		}
	}

	private static void copy(InputStream in, ByteArrayOutputStream body, long count) throws IOException {
		for (long i = 0; i < count; i++) {
			int next = in.read();
			if (next == -1) {
				return;
			}
			body.write(next);
		}
	}

	/** One CRLF- or LF-terminated line of at most {@code max} bytes, without its end. */
	private static String readLine(InputStream in, int max) throws IOException {
		StringBuilder line = new StringBuilder(64);
		while (line.length() <= max) {
			int next = in.read();
			if (next == -1 || next == '\n') {
				return line.toString().strip();
			}
			line.append((char) next);
		}
		throw new IOException("response header line too long");
	}

	private static int statusCode(String statusLine) throws IOException {
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
			throw new IOException("not an HTTP/1.x status line");
		}
		return Integer.parseInt(parts[1]);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing is best effort; the attempt's outcome is already decided
		}
	}

	@Override
	public void close() {
		this.deadlines.shutdownNow();
	}

	/**
	 * A receiver's answer: its status and at most {@link #MAX_RESPONSE_BODY} bytes of its
	 * body ({@code null} when none was read).
	 */
	public record Response(int statusCode, byte[] bodyStart) {
	}

}
