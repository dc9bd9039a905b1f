package io.emberpay.local.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM whose output goes to a log file. Stopping sends SIGTERM (Spring Boot shuts
 * down gracefully), waits, then kills what is left, including the child's own children.
 */
public final class JavaProcess {

	private final String name;

	private final Process process;

	private final Path logFile;

	private JavaProcess(String name, Process process, Path logFile) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
	}

	public static JavaProcess start(String name, String classpath, String mainClass, List<String> args,
			List<String> jvmOptions, Path logFile) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classpath);
		command.add(mainClass);
		command.addAll(args);
		return launch(name, command, logFile);
	}

	public static JavaProcess startJar(String name, Path jar, List<String> args, List<String> jvmOptions, Path logFile)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(args);
		return launch(name, command, logFile);
	}

	private static JavaProcess launch(String name, List<String> command, Path logFile) throws IOException {
		Files.createDirectories(logFile.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.start();
		return new JavaProcess(name, process, logFile);
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public String name() {
		return this.name;
	}

	public Path logFile() {
		return this.logFile;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Resident memory in KiB as Linux reports it, or -1 where it can't be read. */
	public long residentKib() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// the process is gone or /proc is not Linux's
		}
		return -1;
	}

	/** CPU time the process has used so far (user and system), zero where unknown. */
	public Duration cpuTime() {
		return this.process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
	}

	public int waitFor(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			stop(Duration.ofSeconds(5));
			return -1;
		}
		return this.process.exitValue();
	}

	/**
	 * SIGKILL, as a crashed machine or the kernel's OOM killer would end it: no shutdown
	 * hook runs, nothing is flushed.
	 */
	public void kill() throws InterruptedException {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

	public void stop(Duration grace) {
		if (!this.process.isAlive()) {
			return;
		}
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

}
