package io.emberpay.local.process;

import java.nio.file.Path;
import java.util.List;

/**
 * How the services' JVMs start. Tests and benchmarks start them as built; a developer's
 * {@code ./platform up} starts them from AOT caches kept in {@code aotCaches}, with extra
 * JVM options.
 *
 * @param aotCaches the folder holding one AOT cache per service, or {@code null} for none
 * @param jvmOptions added to every service's JVM, the cache's training run too
 */
public record StartupTuning(Path aotCaches, List<String> jvmOptions) {

	public StartupTuning {
		jvmOptions = List.copyOf(jvmOptions);
	}

	/** Every JVM as built, as the benchmarks measure them. */
	public static StartupTuning none() {
		return new StartupTuning(null, List.of());
	}

	/** AOT caches in {@code aotCaches}, where this JDK supports them. */
	public static StartupTuning aotCaches(Path aotCaches, List<String> jvmOptions) {
		return new StartupTuning(AotCache.supported() ? aotCaches : null, jvmOptions);
	}

	AotCache cache(ServiceSpec service, Path executableJar, List<String> trainingJvmOptions) {
		return AotCache.forExecutableJar(this.aotCaches.resolve(service.name()), executableJar, trainingJvmOptions);
	}

	public boolean usesAotCaches() {
		return this.aotCaches != null;
	}

}
