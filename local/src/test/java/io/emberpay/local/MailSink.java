package io.emberpay.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The smallest SMTP server that accepts every message, for the console's browser tests:
 * notification-service sends the platform's account and invitation e-mails here, and a
 * test reads the link a person would click. Quoted-printable bodies are decoded.
 */
final class MailSink implements AutoCloseable {

	private final ServerSocket server;

	private final List<Mail> received = new CopyOnWriteArrayList<>();

	private MailSink(ServerSocket server) {
		this.server = server;
	}

	static MailSink start() {
		try {
			MailSink sink = new MailSink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
			Thread accepting = new Thread(sink::accept, "mail-sink");
			accepting.setDaemon(true);
			accepting.start();
			return sink;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** The first group of {@code pattern} in the first mail to {@code to} that has it. */
	String link(String to, Pattern pattern, Duration within) {
		String[] found = new String[1];
		await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
			for (Mail mail : this.received) {
				Matcher matcher = pattern.matcher(mail.body());
				if (mail.to().contains(to.toLowerCase(Locale.ROOT)) && matcher.find()) {
					found[0] = matcher.group(1);
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				converse(socket);
			}
			catch (IOException ex) {
				// a dropped conversation: the sender retries
			}
		}
	}

	private void converse(Socket socket) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		OutputStream out = socket.getOutputStream();
		reply(out, "220 mail-sink ESMTP");
		StringBuilder to = new StringBuilder();
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			String command = line.toUpperCase(Locale.ROOT);
			if (command.startsWith("EHLO") || command.startsWith("HELO")) {
				reply(out, "250 mail-sink");
			}
			else if (command.startsWith("RCPT")) {
				to.append(line.toLowerCase(Locale.ROOT));
				reply(out, "250 OK");
			}
			else if (command.startsWith("DATA")) {
				reply(out, "354 go on");
				StringBuilder data = new StringBuilder();
				for (String part = in.readLine(); part != null && !part.equals("."); part = in.readLine()) {
					data.append(part.startsWith("..") ? part.substring(1) : part).append("\n");
				}
				this.received.add(new Mail(to.toString(), decode(data.toString())));
				to.setLength(0);
				reply(out, "250 OK");
			}
			else if (command.startsWith("QUIT")) {
				reply(out, "221 bye");
				return;
			}
			else {
				reply(out, "250 OK");
			}
		}
	}

	private static String decode(String message) {
		if (!message.toLowerCase(Locale.ROOT).contains("quoted-printable")) {
			return message;
		}
		String joined = message.replace("=\n", "");
		Matcher escape = Pattern.compile("=([0-9A-F]{2})").matcher(joined);
		StringBuilder decoded = new StringBuilder();
		while (escape.find()) {
			escape.appendReplacement(decoded,
					Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
		}
		escape.appendTail(decoded);
		return decoded.toString();
	}

	private static void reply(OutputStream out, String line) throws IOException {
		out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private record Mail(String to, String body) {
	}

}
