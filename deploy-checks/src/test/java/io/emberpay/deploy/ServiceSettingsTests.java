package io.emberpay.deploy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable the deployment files give a service is one the service
 * reads: a {@code ${NAME}} placeholder of its application.yml, or a property it has
 * (Spring's relaxed binding). A misspelled or renamed variable is otherwise silently
 * ignored and the service runs on its local default, for example a development key.
 */
class ServiceSettingsTests {

	private static final List<String> SERVICES = List.of("gateway-service", "auth-service", "payment-service",
			"fraud-service", "ledger-service", "notification-service", "subscription-service", "psp-simulator",
			"console");

	/**
	 * Spring Boot's own namespaces and the JVM's variables: not the services' to declare.
	 */
	private static final Pattern PLATFORM = Pattern.compile("(SPRING|SERVER|MANAGEMENT|LOGGING|JAVA|JDK)_.*");

	/** Settings of service-starter that every service inherits without naming them. */
	private static final Set<String> STARTER = Set.of("emberpay.kafka.bootstrapservers",
			"emberpay.kafka.provisiontopics", "emberpay.kafka.partitions", "emberpay.kafka.replicationfactor",
			"emberpay.kafka.securityprotocol", "emberpay.kafka.ssl.truststorelocation",
			"emberpay.kafka.ssl.truststoretype", "emberpay.kafka.sasl.mechanism", "emberpay.kafka.sasl.username",
			"emberpay.kafka.sasl.password", "emberpay.kafka.requiresecure", "emberpay.security.jwksrequirehttps",
			"emberpay.security.jwkssslbundle");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	@Test
	void everyVariableTheManifestsAndComposeSetIsReadByTheService() {
		Map<String, Set<String>> given = new LinkedHashMap<>();
		for (String overlay : List.of("k8s/overlays/dev", "k8s/overlays/prod")) {
			collectKubernetes(Kustomize.render(overlay), given);
		}
		Fields.map(RepositoryFiles.readYaml("docker-compose.yml").get("services"))
			.forEach((service, definition) -> given.computeIfAbsent(service, (s) -> new HashSet<>())
				.addAll(Fields.map(Fields.at(definition, "environment")).keySet()));

		for (String service : SERVICES) {
			Set<String> known = readBy(service);
			assertThat(given.getOrDefault(service, Set.of()))
				.as("variables given to %s that it does not read (application.yml placeholders and properties)",
						service)
				.allSatisfy((variable) -> assertThat(PLATFORM.matcher(variable).matches() || known.contains(variable)
						|| known.contains(relaxed(variable)))
					.as(variable)
					.isTrue());
		}
	}

	private static void collectKubernetes(List<Manifest> rendered, Map<String, Set<String>> given) {
		Map<String, Manifest> configMaps = new LinkedHashMap<>();
		rendered.stream().filter((o) -> "ConfigMap".equals(o.kind())).forEach((cm) -> configMaps.put(cm.name(), cm));
		for (Manifest deployment : rendered) {
			if (!"Deployment".equals(deployment.kind())) {
				continue;
			}
			Set<String> variables = given.computeIfAbsent(deployment.name(), (s) -> new HashSet<>());
			for (Object container : deployment.list("spec", "template", "spec", "containers")) {
				Fields.list(Fields.at(container, "env"))
					.forEach((env) -> variables.add((String) Fields.at(env, "name")));
				for (Object source : Fields.list(Fields.at(container, "envFrom"))) {
					Manifest configMap = configMaps.get((String) Fields.at(source, "configMapRef", "name"));
					if (configMap != null) {
						variables.addAll(configMap.map("data").keySet());
					}
				}
			}
		}
	}

	/**
	 * The starter's defaults every servlet service reads (e.g. its client secret,
	 * {@code EMBERPAY_SERVICE_CLIENT_SECRET}).
	 */
	private static final String STARTER_DEFAULTS = "service-starter/src/main/resources/emberpay-defaults.properties";

	/** Placeholders and canonical property names the service reads. */
	private static Set<String> readBy(String service) {
		String file = service + "/src/main/resources/application.yml";
		Set<String> known = new HashSet<>(STARTER);
		if (!service.equals("gateway-service") && !service.equals("psp-simulator")) {
			Matcher defaults = PLACEHOLDER.matcher(RepositoryFiles.read(STARTER_DEFAULTS));
			while (defaults.find()) {
				known.add(defaults.group(1));
			}
		}
		if (!RepositoryFiles.resolve(file).toFile().isFile()) {
			return known;
		}
		Matcher placeholders = PLACEHOLDER.matcher(RepositoryFiles.read(file));
		while (placeholders.find()) {
			known.add(placeholders.group(1));
		}
		flatten("", RepositoryFiles.readYaml(file), known);
		return known;
	}

	private static void flatten(String prefix, Object node, Set<String> into) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				String name = prefix + String.valueOf(key).replace("-", "").toLowerCase(Locale.ROOT);
				into.add(name);
				flatten(name + ".", value, into);
			});
		}
	}

	/**
	 * The property an environment variable binds to: underscores are dots, case is
	 * ignored.
	 */
	private static String relaxed(String variable) {
		return variable.toLowerCase(Locale.ROOT).replace('_', '.');
	}

}
