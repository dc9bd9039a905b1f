package io.emberpay.notification.webhook.target;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
 * failed attempt); only the status line is read, at most 8 KiB of it; and a timer closes
 * the socket at the deadline so a receiver that trickles bytes cannot hold us longer.
 */
public final class PinnedHttpClient implements AutoCloseable {

	private static final int MAX_STATUS_LINE = 8 * 1024;

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

	/** Answers the response's status code; throws when no status line came in time. */
	public int post(WebhookTarget target, InetAddress address, Map<String, String> headers, byte[] body,
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
			return statusCode(readStatusLine(new BufferedInputStream(socket.getInputStream())));
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

}
