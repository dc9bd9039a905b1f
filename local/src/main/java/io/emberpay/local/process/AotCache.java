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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JDK AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) for one
 * process, in its own folder. A training run writes it with {@code -XX:AOTCacheOutput};
 * later starts load it. It is trained on given jars, a JDK and JVM options, and any
 * change to them makes it stale: a stale cache is retrained, and should one slip through,
 * the JVM only warns and starts without it.
 * <p>
 * The cache only holds classes read from plain jars on the class path, so a service runs
 * from its executable jar extracted here rather than from the jar's nested ones.
 */
public final class AotCache {

	private static final String STAMP = "stamp.properties";

	private final Path directory;

	private final List<Path> inputs;

	private final Path executableJar;

	private final List<String> trainingJvmOptions;

	private AotCache(Path directory, List<Path> inputs, Path executableJar, List<String> trainingJvmOptions) {
		this.directory = directory;
		this.inputs = List.copyOf(inputs);
		this.executableJar = executableJar;
		this.trainingJvmOptions = List.copyOf(trainingJvmOptions);
	}

	/** Whether this JDK can write an AOT cache in one training run (JDK 25 and newer). */
	public static boolean supported() {
		return Runtime.version().feature() >= 25;
	}

	/** The cache of a service that runs from its executable jar, extracted. */
	static AotCache forExecutableJar(Path directory, Path executableJar, List<String> jvmOptions) {
		return new AotCache(directory, List.of(executableJar), executableJar, jvmOptions);
	}

	/** The cache of a process that runs from a class path of jars only. */
	public static AotCache forClasspath(Path directory, List<Path> jars, List<String> jvmOptions) {
		return new AotCache(directory, jars, null, jvmOptions);
	}

	/** The extracted executable jar, which the service starts from once trained. */
	Path extractedJar() {
		return this.directory.resolve("app").resolve(this.executableJar.getFileName());
	}

	/** The JVM option that loads the cache. */
	public String loadOption() {
		return "-XX:AOTCache=" + cacheFile();
	}

	/**
	 * Whether the cache was trained on these jars, with this JDK and these JVM options.
	 * Sizes and time stamps decide quickly; rebuilt jars with the same content (the same
	 * digest) keep the cache.
	 */
	public boolean isCurrent() {
		Properties stamp = readStamp();
		if (stamp == null || !Files.isRegularFile(cacheFile())
				|| (this.executableJar != null && !Files.isRegularFile(extractedJar()))) {
			return false;
		}
		if (!runtime().equals(stamp.getProperty("runtime"))
				|| !String.join(" ", this.trainingJvmOptions).equals(stamp.getProperty("jvm-options"))) {
			return false;
		}
		String identity = identity();
		if (identity.equals(stamp.getProperty("inputs"))) {
			return true;
		}
		if (digest().equals(stamp.getProperty("digest"))) {
			stamp.setProperty("inputs", identity);
			writeStamp(stamp);
			return true;
		}
		return false;
	}

	/**
	 * Makes ready for a training run: forgets the old cache and extracts the executable
	 * jar afresh.
	 * @return the JVM options of the training run, which writes the cache when it exits
	 */
	public List<String> prepareTraining(Path logFile) throws IOException, InterruptedException {
		Files.createDirectories(this.directory);
		Files.deleteIfExists(this.directory.resolve(STAMP));
		Files.deleteIfExists(cacheFile());
		Files.deleteIfExists(trainingOutput());
		if (this.executableJar != null) {
			extract(logFile);
		}
		List<String> jvm = new ArrayList<>(this.trainingJvmOptions);
		jvm.add("-XX:AOTCacheOutput=" + trainingOutput());
		// AOT warnings list every class it skips, e.g. those of unused optional features
		jvm.add("-Xlog:aot=error");
		return jvm;
	}

	/**
	 * Keeps what a finished training run wrote; the cache counts only once it is whole.
	 * @return whether a cache is now in place
	 */
	public boolean finishTraining(int exitCode) throws IOException {
		// a JVM stopped by SIGTERM exits with 143 after writing its cache
		// a JVM stopped early leaves its recorded configuration behind
		Files.deleteIfExists(this.directory.resolve(trainingOutput().getFileName() + ".config"));
		if ((exitCode != 0 && exitCode != 143) || !Files.isRegularFile(trainingOutput())) {
			Files.deleteIfExists(trainingOutput());
			return false;
		}
		Files.move(trainingOutput(), cacheFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		Properties stamp = new Properties();
		stamp.setProperty("inputs", identity());
		stamp.setProperty("digest", digest());
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
		return this.directory.resolve("cache.aot");
	}

	private Path trainingOutput() {
		return this.directory.resolve("training.aot");
	}

	private String identity() {
		return this.inputs.stream().map((jar) -> {
			try {
				return jar + "=" + Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
			}
			catch (IOException ex) {
				return jar + "=missing";
			}
		}).collect(Collectors.joining(";"));
	}

	private String digest() {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 16];
			for (Path jar : this.inputs) {
				sha.update(jar.toString().getBytes());
				try (InputStream in = Files.newInputStream(jar)) {
					for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
						sha.update(buffer, 0, read);
					}
				}
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (IOException ex) {
			return "unreadable";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
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
