package io.emberpay.notification.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An HTTPS receiver on 127.0.0.1 with a freshly made self-signed certificate (valid for
 * 127.0.0.1, trusted by nobody), counting the requests that reach it.
 */
public final class UntrustedTlsReceiver implements AutoCloseable {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private final HttpsServer server;

	private final AtomicInteger requests = new AtomicInteger();

	public UntrustedTlsReceiver() {
		try {
			Path keystore = Files.createTempFile("receiver", ".p12");
			Files.delete(keystore);
			Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
			Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", keystore.toString(),
					"-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-alias", "receiver", "-keyalg", "EC",
					"-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2")
				.redirectErrorStream(true)
				.start();
			process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed");
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keystore)) {
				store.load(in, PASSWORD);
			}
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, PASSWORD);
			SSLContext tls = SSLContext.getInstance("TLS");
			tls.init(keys.getKeyManagers(), null, null);
			this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.setHttpsConfigurator(new HttpsConfigurator(tls));
			this.server.createContext("/", exchange -> {
				this.requests.incrementAndGet();
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "https://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
	}

	public int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
