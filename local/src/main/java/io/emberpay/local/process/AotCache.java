package io.emberpay.local.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One service's JDK AOT cache (JEP 483/514/515: classes loaded and linked, method
 * profiles) in its own folder. The cache only holds classes read from plain jars on the
 * class path, not from an executable jar's nested ones, so the service runs from its jar
 * extracted here. A training start, which exits once the application context is
 * refreshed, writes the cache; a new jar or another JDK makes it stale, and a stale or
 * missing cache only means a slower start: the JVM ignores a cache that does not match
 * its class path.
 */
public final class AotCache {

	private static final String STAMP = "stamp.properties";

	private final Path directory;

	private final Path executableJar;

	private final List<String> trainingJvmOptions;

	AotCache(Path directory, Path executableJar, List<String> trainingJvmOptions) {
		this.directory = directory;
		this.executableJar = executableJar;
		this.trainingJvmOptions = List.copyOf(trainingJvmOptions);
	}

	/** Whether this JDK can write and read AOT caches in one training run. */
	public static boolean supported() {
		return Runtime.version().feature() >= 25;
	}

	/** The extracted jar, which a service starts from while its cache is current. */
	Path extractedJar() {
		return this.directory.resolve("app").resolve(this.executableJar.getFileName());
	}

	/** The JVM option that loads the cache. */
	String loadOption() {
		return "-XX:AOTCache=" + cacheFile();
	}

	/**
	 * Whether the cache was trained on this jar's content, with this JDK and these JVM
	 * options. Size and time stamp decide quickly; a rebuilt jar with the same content
	 * (same digest) keeps its cache.
	 */
	boolean isCurrent() {
		Properties stamp = readStamp();
		if (stamp == null || !Files.isRegularFile(cacheFile()) || !Files.isRegularFile(extractedJar())) {
			return false;
		}
		if (!runtime().equals(stamp.getProperty("runtime"))
				|| !String.join(" ", this.trainingJvmOptions).equals(stamp.getProperty("jvm-options"))) {
			return false;
		}
		if (jarIdentity().equals(stamp.getProperty("jar"))) {
			return true;
		}
		if (digest(this.executableJar).equals(stamp.getProperty("digest"))) {
			stamp.setProperty("jar", jarIdentity());
			writeStamp(stamp);
			return true;
		}
		return false;
	}

	/**
	 * Extracts the jar afresh and starts a training run that writes the cache when the
	 * application context is refreshed, without serving (no port is bound).
	 */
	JavaProcess startTraining(String name, List<String> args, Path logFile) throws IOException, InterruptedException {
		Files.createDirectories(this.directory);
		Files.deleteIfExists(this.directory.resolve(STAMP));
		extract(logFile);
		Files.deleteIfExists(trainingOutput());
		List<String> jvm = new ArrayList<>(this.trainingJvmOptions);
		jvm.add("-XX:AOTCacheOutput=" + trainingOutput());
		// the training run stops right after refresh: no requests, consumers or schedules
		jvm.add("-Dspring.context.exit=onRefresh");
		// AOT warnings list every class it skips, e.g. those of unused optional features
		jvm.add("-Xlog:aot=error");
		return JavaProcess.startJar(name + "-training", extractedJar(), args, jvm, logFile);
	}

	/**
	 * Keeps what a finished training run wrote; the cache counts only once it is whole.
	 * @return whether a cache is now in place
	 */
	boolean finishTraining(int exitCode) throws IOException {
		if (exitCode != 0 || !Files.isRegularFile(trainingOutput())) {
			Files.deleteIfExists(trainingOutput());
			return false;
		}
		Files.move(trainingOutput(), cacheFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		Properties stamp = new Properties();
		stamp.setProperty("jar", jarIdentity());
		stamp.setProperty("digest", digest(this.executableJar));
		stamp.setProperty("runtime", runtime());
		stamp.setProperty("jvm-options", String.join(" ", this.trainingJvmOptions));
		writeStamp(stamp);
		return true;
	}

	private void extract(Path logFile) throws IOException, InterruptedException {
		Path extracted = this.directory.resolve("app");
		deleteRecursively(extracted);
		JavaProcess tools = JavaProcess.startJar("extract", this.executableJar,
				List.of("extract", "--destination", extracted.toString()), List.of("-Djarmode=tools"), logFile);
		if (tools.waitFor(Duration.ofMinutes(2)) != 0) {
			throw new IOException("Could not extract " + this.executableJar + "; see " + logFile);
		}
	}

	private Path cacheFile() {
		return this.directory.resolve("service.aot");
	}

	private Path trainingOutput() {
		return this.directory.resolve("training.aot");
	}

	private String jarIdentity() {
		try {
			return Files.size(this.executableJar) + "@" + Files.getLastModifiedTime(this.executableJar).toMillis();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String runtime() {
		return System.getProperty("java.home") + " " + System.getProperty("java.vm.version");
	}

	private Properties readStamp() {
		Path file = this.directory.resolve(STAMP);
		if (!Files.isRegularFile(file)) {
			return null;
		}
		Properties stamp = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			stamp.load(in);
			return stamp;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private void writeStamp(Properties stamp) {
		try (var out = Files.newOutputStream(this.directory.resolve(STAMP))) {
			stamp.store(out, "what the AOT cache was trained on");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String digest(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 16];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				sha.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
