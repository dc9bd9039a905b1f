package io.emberpay.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml: the whole platform, healthy-gated, memory-bounded, without secrets
 * inline.
 */
class ComposeFileTests {

	private static final Map<String, Object> COMPOSE = RepositoryFiles.readYaml("docker-compose.yml");

	private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

	@Test
	void runsTheWholePlatform() {
		assertThat(services().keySet()).contains("postgres", "kafka", "psp-simulator", "gateway-service",
				"auth-service", "payment-service", "fraud-service", "ledger-service", "notification-service",
				"subscription-service", "console", "prometheus", "grafana");
		assertThat(Fields.at(services(), "postgres", "image").toString()).startsWith("postgres:17");
		assertThat(Fields.at(services(), "kafka", "image").toString()).startsWith("apache/kafka:");
		assertThat(Fields.map(Fields.at(services(), "kafka", "environment"))).containsEntry("KAFKA_PROCESS_ROLES",
				"broker,controller");
	}

	@Test
	void everyServiceHasAHealthcheckAndAMemoryLimit() {
		services().forEach((name, definition) -> {
			assertThat(Fields.list(Fields.at(definition, "healthcheck", "test"))).as("%s healthcheck", name)
				.isNotEmpty();
			Object memory = (Fields.at(definition, "deploy", "resources", "limits", "memory") != null)
					? Fields.at(definition, "deploy", "resources", "limits", "memory")
					: Fields.at(definition, "mem_limit");
			assertThat(memory).as("%s memory limit", name).isNotNull();
		});
	}

	@Test
	void everyImageBuiltHereIsAModuleBuiltWithTheSharedDockerfile() {
		Map<String, Object> built = Fields.map(services());
		built.forEach((name, definition) -> {
			Object build = Fields.at(definition, "build");
			if (build == null) {
				return;
			}
			assertThat(build).as("%s build is the long form, with the module and port as arguments", name)
				.isInstanceOf(Map.class);
			Path context = RepositoryFiles.resolve(String.valueOf(Fields.at(build, "context"))).normalize();
			assertThat(context).as("%s builds from the repository root", name).isEqualTo(RepositoryFiles.root());
			assertThat(context.resolve(String.valueOf(Fields.at(build, "dockerfile")))).as("%s Dockerfile", name)
				.isEqualTo(RepositoryFiles.resolve("Dockerfile"))
				.isRegularFile();
			Map<String, Object> args = Fields.map(Fields.at(build, "args"));
			assertThat(args).as("%s build arguments", name).containsOnlyKeys("MODULE", "PORT");
			assertThat(args.get("MODULE")).as("the module folder names the service").isEqualTo(name);
			assertThat(RepositoryFiles.resolve(name + "/pom.xml")).as("%s builds from a Maven module", name)
				.isRegularFile();
			assertThat(MavenPom.runnableJar(name)).as("%s packages a runnable jar", name).isNotBlank();
			assertThat(args.get("PORT")).as("%s image exposes the port the service listens on", name)
				.isEqualTo(Fields.map(Fields.at(definition, "environment")).get("SERVER_PORT"));
			assertThat(String.valueOf(Fields.at(definition, "image"))).startsWith("emberpay/" + name + ":");
		});
		assertThat(built.values()).filteredOn((d) -> Fields.at(d, "build") != null).hasSize(9);
	}

	@Test
	void dependenciesWaitUntilHealthy() {
		services().forEach((name, definition) -> {
			Object declared = Fields.at(definition, "depends_on");
			if (declared == null) {
				return;
			}
			assertThat(declared).as("%s depends_on is the long form, with conditions", name).isInstanceOf(Map.class);
			Map<String, Object> dependsOn = Fields.map(declared);
			dependsOn.forEach((dependency, condition) -> {
				assertThat(services()).as("%s depends on a defined service", name).containsKey(dependency);
				assertThat(Fields.at(condition, "condition")).as("%s waits for %s", name, dependency)
					.isEqualTo("service_healthy");
			});
		});
		assertThat(Fields.map(Fields.at(services(), "gateway-service", "depends_on"))).containsKeys("auth-service",
				"payment-service", "fraud-service", "ledger-service", "notification-service", "subscription-service");
	}

	@Test
	void noSecretIsWrittenInlineAndEverySecretVariableIsInTheEnvExample() {
		Set<String> example = envExampleKeys();
		services()
			.forEach((name, definition) -> Fields.map(Fields.at(definition, "environment")).forEach((key, value) -> {
				if (key.matches("(?i).*(PASSWORD|SECRET|TOKEN|_KEY|_KEK_|PEPPER).*")) {
					assertThat(String.valueOf(value)).as("%s %s comes from .env", name, key)
						.matches("\\$\\{[A-Z0-9_]+:\\?.*}");
				}
			}));
		Set<String> required = new LinkedHashSet<>();
		Matcher matcher = VARIABLE.matcher(RepositoryFiles.read("docker-compose.yml"));
		while (matcher.find()) {
			if (matcher.group(2) == null || matcher.group(2).contains("?")) {
				required.add(matcher.group(1));
			}
		}
		assertThat(example).containsAll(required);
		assertThat(RepositoryFiles.resolve(".env")).as("a real .env is never committed (it is in .gitignore or absent)")
			.satisfiesAnyOf((env) -> assertThat(env).doesNotExist(),
					(env) -> assertThat(RepositoryFiles.read(".gitignore")).contains(".env"));
	}

	@Test
	void thePostgresInitScriptCreatesTheDatabaseOfEveryService() {
		String script = RepositoryFiles.read("compose/postgres/01-databases.sh");
		services().forEach((name, definition) -> {
			Object user = Fields.map(Fields.at(definition, "environment")).get("EMBERPAY_DB_USER");
			if (user != null) {
				assertThat(script).as("database of %s", name).contains("create_service_database " + user + " ");
			}
		});
		assertThat(Fields.list(Fields.at(services(), "postgres", "volumes")))
			.contains("./compose/postgres:/docker-entrypoint-initdb.d:ro");
	}

	@Test
	void thePostgresInitScriptIsValidBash() throws Exception {
		Process check = new ProcessBuilder("bash", "-n", "compose/postgres/01-databases.sh")
			.directory(RepositoryFiles.root().toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor()).as(output).isZero();
		assertThat(RepositoryFiles.resolve("compose/postgres/01-databases.sh")).isExecutable();
	}

	@Test
	void everyBindMountedFileExistsInTheRepository() {
		services().forEach((name, definition) -> Fields.list(Fields.at(definition, "volumes")).forEach((volume) -> {
			String source = String.valueOf(volume).split(":")[0];
			if (source.startsWith("./")) {
				assertThat(Files.exists(RepositoryFiles.resolve(source))).as("%s mounts %s", name, source).isTrue();
			}
		}));
	}

	private static Map<String, Object> services() {
		return Fields.map(COMPOSE.get("services"));
	}

	private static Set<String> envExampleKeys() {
		Set<String> keys = new LinkedHashSet<>();
		for (String line : RepositoryFiles.read(".env.example").split("\n")) {
			if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
				keys.add(line.substring(0, line.indexOf('=')).trim());
			}
		}
		return keys;
	}

}
