package io.emberpay.testkit;

import org.testcontainers.DockerClientFactory;

/**
 * Chooses how the real engines run: containers when a Docker engine answers, embedded
 * otherwise. {@code EMBERPAY_TEST_ENGINES=embedded|containers} forces one.
 */
final class Engines {

	private static volatile Boolean containers;

	private Engines() {
	}

	static boolean useContainers() {
		if (containers == null) {
			String forced = System.getenv("EMBERPAY_TEST_ENGINES");
			if ("embedded".equals(forced)) {
				containers = false;
			}
			else if ("containers".equals(forced)) {
				containers = true;
			}
			else {
				containers = dockerAnswers();
			}
		}
		return containers;
	}

	private static boolean dockerAnswers() {
		if (!new java.io.File("/var/run/docker.sock").exists() && System.getenv("DOCKER_HOST") == null) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
