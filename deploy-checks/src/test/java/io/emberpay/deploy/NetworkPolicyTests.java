package io.emberpay.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.emberpay.deploy.NetworkReachability.Endpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may talk to whom, computed from the rendered NetworkPolicies and compared with the
 * platform's intended conversations, exactly: a policy that opens one path too many fails
 * as surely as one that blocks a needed path.
 */
class NetworkPolicyTests {

	private static final List<String> SERVICES = List.of("gateway-service", "auth-service", "payment-service",
			"fraud-service", "ledger-service", "notification-service", "subscription-service", "console");

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void onlyTheIntendedConversationsAreOpen(String overlay) {
		List<Manifest> rendered = new ArrayList<>(Kustomize.render(overlay));
		rendered.addAll(strimziListenerPolicies(rendered));
		NetworkReachability network = new NetworkReachability(rendered);
		Map<String, Endpoint> pods = servicePods(rendered);
		Map<String, Target> targets = new LinkedHashMap<>();
		pods.forEach((name, pod) -> targets.put(name, new Target(pod, "TCP", pod.ports().get("http"))));
		targets.put("postgres", new Target(
				Endpoint.pod("emberpay-data", Map.of("cnpg.io/cluster", "emberpay-db"), Map.of()), "TCP", 5432));
		targets.put("kafka",
				new Target(
						Endpoint.pod("emberpay-data",
								Map.of("strimzi.io/cluster", "emberpay", "strimzi.io/kind", "Kafka"), Map.of()),
						"TCP", 9093));
		// no plaintext listener: nobody reaches Kafka's old port
		targets.put("kafka:9092",
				new Target(
						Endpoint.pod("emberpay-data",
								Map.of("strimzi.io/cluster", "emberpay", "strimzi.io/kind", "Kafka"), Map.of()),
						"TCP", 9092));
		targets.put("auth-service:https", new Target(pods.get("auth-service"), "TCP", 8443));
		targets.put("dns", new Target(Endpoint.pod("kube-system", Map.of("k8s-app", "kube-dns"), Map.of()), "UDP", 53));
		targets.put("internet:443", new Target(Endpoint.address("203.0.113.10"), "TCP", 443));
		targets.put("internet:587", new Target(Endpoint.address("203.0.113.10"), "TCP", 587));
		targets.put("internet:80", new Target(Endpoint.address("203.0.113.10"), "TCP", 80));
		targets.put("private:443", new Target(Endpoint.address("10.20.30.40"), "TCP", 443));
		targets.put("metadata:80", new Target(Endpoint.address("169.254.169.254"), "TCP", 80));

		Map<String, Endpoint> sources = new LinkedHashMap<>(pods);
		sources.put("ingress-nginx",
				Endpoint.pod("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of()));
		sources.put("prometheus", Endpoint.pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"), Map.of()));
		sources.put("other-namespace", Endpoint.pod("default", Map.of("app", "curl"), Map.of()));

		Set<String> open = new TreeSet<>();
		sources.forEach((source, from) -> targets.forEach((target, to) -> {
			boolean self = source.equals(target);
			boolean observerToOutside = !pods.containsKey(source) && !pods.containsKey(target);
			if (!self && !observerToOutside && network.allows(from, to.endpoint(), to.protocol(), to.port())) {
				open.add(source + " -> " + target);
			}
		}));

		Set<String> intended = new TreeSet<>();
		for (String backend : List.of("auth-service", "payment-service", "fraud-service", "ledger-service",
				"notification-service", "subscription-service")) {
			intended.add("gateway-service -> " + backend);
			intended.add(backend + " -> postgres");
			intended.add(backend + " -> kafka");
			if (!backend.equals("auth-service")) {
				intended.add(backend + " -> auth-service");
			}
		}
		for (String service : SERVICES) {
			intended.add(service + " -> dns");
			intended.add("prometheus -> " + service);
		}
		// the JWKS over https: the gateway and every service, and one auth-service
		// replica
		// asking another for a key it does not hold yet
		for (String verifier : List.of("gateway-service", "auth-service", "payment-service", "fraud-service",
				"ledger-service", "notification-service", "subscription-service")) {
			intended.add(verifier + " -> auth-service:https");
		}
		// the console: reached through the gateway, and calls the API back through it
		intended.addAll(List.of("gateway-service -> console", "console -> gateway-service"));
		intended.addAll(List.of("ingress-nginx -> gateway-service", "payment-service -> fraud-service",
				"subscription-service -> payment-service", "payment-service -> internet:443",
				"ledger-service -> internet:443", "notification-service -> internet:443",
				"notification-service -> internet:587"));
		// auth-service collects the personal-data export from the services that hold
		// personal data
		intended.addAll(List.of("auth-service -> payment-service", "auth-service -> fraud-service",
				"auth-service -> notification-service", "auth-service -> subscription-service"));
		if (pods.containsKey("psp-simulator")) {
			intended.addAll(List.of("payment-service -> psp-simulator", "ledger-service -> psp-simulator",
					"psp-simulator -> dns", "prometheus -> psp-simulator",
					// its acquirer webhooks, through the gateway like a real acquirer's
					"psp-simulator -> gateway-service"));
		}

		assertThat(open).containsExactlyElementsOf(intended);
	}

	private static Map<String, Endpoint> servicePods(List<Manifest> rendered) {
		Map<String, Endpoint> pods = new LinkedHashMap<>();
		for (Manifest deployment : rendered) {
			if (!"Deployment".equals(deployment.kind())) {
				continue;
			}
			Map<String, Integer> ports = new LinkedHashMap<>();
			List<Object> containers = new ArrayList<>(deployment.list("spec", "template", "spec", "containers"));
			for (Object container : containers) {
				for (Object port : Fields.list(Fields.at(container, "ports"))) {
					ports.put(String.valueOf(Fields.at(port, "name")), (Integer) Fields.at(port, "containerPort"));
				}
			}
			pods.put(deployment.name(), Endpoint.pod(deployment.namespace(),
					deployment.map("spec", "template", "metadata", "labels"), ports));
		}
		assertThat(pods.keySet()).containsAll(SERVICES);
		assertThat(pods.keySet()).filteredOn((name) -> !SERVICES.contains(name)).isSubsetOf("psp-simulator");
		return pods;
	}

	/**
	 * The policies the Strimzi operator writes for the Kafka listeners, from their
	 * {@code networkPolicyPeers}: part of what is enforced, though not in the rendered
	 * output.
	 */
	private static List<Manifest> strimziListenerPolicies(List<Manifest> rendered) {
		List<Manifest> generated = new ArrayList<>();
		for (Manifest kafka : rendered) {
			if (!"Kafka".equals(kafka.kind())) {
				continue;
			}
			for (Object listener : kafka.list("spec", "kafka", "listeners")) {
				Map<String, Object> rule = new LinkedHashMap<>();
				if (Fields.at(listener, "networkPolicyPeers") != null) {
					rule.put("from", Fields.at(listener, "networkPolicyPeers"));
				}
				rule.put("ports", List.of(Map.of("protocol", "TCP", "port", Fields.at(listener, "port"))));
				generated.add(new Manifest(Map.of("kind", "NetworkPolicy", "metadata", Map.of("name",
						kafka.name() + "-listener-" + Fields.at(listener, "name"), "namespace", kafka.namespace()),
						"spec",
						Map.of("podSelector",
								Map.of("matchLabels",
										Map.of("strimzi.io/cluster", kafka.name(), "strimzi.io/kind", "Kafka")),
								"policyTypes", List.of("Ingress"), "ingress", List.of(rule)))));
			}
		}
		return generated;
	}

	/** A destination and the port a client connects to. */
	private record Target(Endpoint endpoint, String protocol, int port) {
	}

}
