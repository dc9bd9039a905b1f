package io.emberpay.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway server certificate for TLS tests, made by the JDK's {@code keytool} (no
 * extra library): a PKCS12 key store, and the same certificate and key as PEM files (the
 * certificate doubles as the clients' trust anchor, as a CA's would).
 */
public record SelfSignedCertificate(Path keyStore, String password, Path certificatePem, Path privateKeyPem) {

	/** A certificate for {@code localhost} and 127.0.0.1, valid for two days. */
	public static SelfSignedCertificate localhost(Path directory) {
		try {
			Files.createDirectories(directory);
			Path keyStore = directory.resolve("server.p12");
			String password = "changeit-" + Long.toHexString(System.nanoTime());
			List<String> command = new ArrayList<>(List.of(
					Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias",
					"server", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname",
					"CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
					"-keystore", keyStore.toString(), "-storepass", password, "-keypass", password));
			Process keytool = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve("keytool.log").toFile())
				.start();
			if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
				throw new IllegalStateException("keytool failed; see " + directory.resolve("keytool.log"));
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStore)) {
				store.load(in, password.toCharArray());
			}
			Certificate certificate = store.getCertificate("server");
			PrivateKey key = (PrivateKey) store.getKey("server", password.toCharArray());
			Path certificatePem = Files.writeString(directory.resolve("server.crt"),
					pem("CERTIFICATE", certificate.getEncoded()));
			Path keyPem = Files.writeString(directory.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
			return new SelfSignedCertificate(keyStore, password, certificatePem, keyPem);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not make a test certificate", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A server-side TLS context presenting this certificate (for a JDK HttpsServer). */
	public javax.net.ssl.SSLContext serverContext() {
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, this.password.toCharArray());
			javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory
				.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, this.password.toCharArray());
			javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not load the test certificate", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
