package io.emberpay.local.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Each service's client secret for getting service tokens from auth-service
 * (docs/decisions/service-identity.md), generated on the first start under
 * {@code .platform/secrets} (owner-only files) and kept for later starts. A service reads
 * its own from a config tree ({@code <service>/EMBERPAY_SERVICE_CLIENT_SECRET});
 * auth-service also reads every service's, named
 * {@code emberpay.auth.service-clients.secrets.<identity>}. Nothing goes on a command
 * line, where {@code ps} would show it.
 */
public final class ServiceSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String CLIENTS = "service-clients";

	/**
	 * The identity of the launcher's own checks (the ledger integrity check after a test
	 * or a benchmark run): no process, just a client of auth-service.
	 */
	public static final String PLATFORM_CHECK = "platform-check";

	/**
	 * The name every service's configuration takes its client secret from
	 * ({@code ${EMBERPAY_SERVICE_CLIENT_SECRET:}}), in Kubernetes an environment
	 * variable.
	 */
	private static final String OWN_SECRET = "EMBERPAY_SERVICE_CLIENT_SECRET";

	private ServiceSecrets() {
	}

	/** The name a service's allow-lists know it by: its module name, or gateway. */
	public static String identity(ServiceSpec service) {
		return service.name().equals("gateway") ? "gateway" : service.module();
	}

	/**
	 * Creates any missing secret of the topology's services, then answers the settings
	 * that point {@code service} at its own (and auth-service at everyone's); none for a
	 * process outside the platform's identities (the PSP simulator).
	 */
	public static List<String> arguments(Path runDirectory, PlatformTopology topology, ServiceSpec service)
			throws IOException {
		if (service.name().equals("psp-simulator")) {
			return List.of();
		}
		Path secrets = runDirectory.resolve("secrets");
		for (ServiceSpec each : topology.services()) {
			if (!each.name().equals("psp-simulator")) {
				ensure(secrets, each.name(), identity(each));
			}
		}
		ensure(secrets, PLATFORM_CHECK, PLATFORM_CHECK);
		List<String> imports = new ArrayList<>();
		imports.add("optional:configtree:" + secrets.resolve(service.name()) + "/");
		if (service.name().equals("auth")) {
			imports.add("optional:configtree:" + secrets.resolve(CLIENTS) + "/");
		}
		return List.of("--spring.config.import=" + String.join(",", imports), "--emberpay.service-identity.token-uri="
				+ topology.service("auth").url() + "/internal/v1/service_tokens");
	}

	/**
	 * HTTP Basic credentials of {@code identity} for auth-service's token endpoint, from
	 * the secrets of a run directory.
	 */
	public static String basicCredentials(Path runDirectory, String directory, String identity) throws IOException {
		String secret = Files.readString(runDirectory.resolve("secrets").resolve(directory).resolve(OWN_SECRET));
		return "Basic "
				+ Base64.getEncoder().encodeToString((identity + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private static synchronized void ensure(Path secrets, String directory, String identity) throws IOException {
		Path own = secrets.resolve(directory).resolve(OWN_SECRET);
		Path atAuth = secrets.resolve(CLIENTS).resolve("emberpay.auth.service-clients.secrets." + identity);
		if (Files.exists(own) && Files.exists(atAuth) && Files.readString(own).equals(Files.readString(atAuth))) {
			return;
		}
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		write(own, secret);
		write(atAuth, secret);
	}

	private static void write(Path file, String secret) throws IOException {
		Files.createDirectories(file.getParent(),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		Files.deleteIfExists(partial);
		Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(partial, secret, StandardCharsets.US_ASCII);
		Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

}
