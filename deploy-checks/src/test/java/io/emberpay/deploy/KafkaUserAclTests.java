package io.emberpay.deploy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka in Kubernetes takes only TLS with a SCRAM user per service, and each user may do
 * exactly what its service's code does (derived by {@link KafkaTopology}: write its own
 * topic, read the topics its consumer groups subscribe to); every Kafka client gets its
 * user, its password from the Secret Strimzi writes and the internal CA; and the JWKS is
 * fetched over https from auth-service's certificate. Production refuses plaintext.
 */
@Tag("security")
class KafkaUserAclTests {

	private static final List<String> SERVICES = List.of("gateway-service", "auth-service", "payment-service",
			"fraud-service", "ledger-service", "notification-service", "subscription-service");

	private static final String CA_CONFIG_MAP = "emberpay-internal-ca";

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyKafkaUsersAclsAreExactlyWhatItsServicesCodeDoes(String overlay) {
		List<Manifest> objects = Kustomize.render(overlay);
		Map<String, KafkaTopology.Access> code = KafkaTopology.fromCode(SERVICES);
		Set<String> expectedUsers = new TreeSet<>();
		code.values().stream().filter(KafkaTopology.Access::usesKafka).forEach((a) -> expectedUsers.add(a.user()));
		List<Manifest> users = kind(objects, "KafkaUser");
		assertThat(users).extracting(Manifest::name).containsExactlyInAnyOrderElementsOf(expectedUsers);
		for (Manifest user : users) {
			KafkaTopology.Access access = code.values()
				.stream()
				.filter((a) -> a.user().equals(user.name()))
				.findFirst()
				.orElseThrow();
			assertThat(KafkaTopology.acls(user))
				.as("ACLs of KafkaUser %s (derived from its code: %s)", user.name(), access)
				.containsExactlyElementsOf(access.acls());
			assertThat(user.string("spec", "authentication", "type")).isEqualTo("scram-sha-512");
			assertThat(user.string("spec", "authorization", "type")).isEqualTo("simple");
			assertThat(user.map("metadata", "labels")).containsEntry("strimzi.io/cluster", "emberpay");
			assertThat(user.namespace()).isEqualTo("emberpay");
		}
	}

	@Test
	void aDriftBetweenTheCodeAndAKafkaUserIsCaught() {
		KafkaTopology.Access notification = KafkaTopology.fromCode(List.of("notification-service"))
			.get("notification-service");
		Manifest user = only(Kustomize.render("k8s/overlays/prod"), "KafkaUser", "notification-service");
		assertThat(KafkaTopology.acls(user)).containsExactlyElementsOf(notification.acls());
		// one write too many
		Manifest writing = new Manifest(Map.of("kind", "KafkaUser", "metadata", Map.of("name", "notification-service"),
				"spec", Map.of("authorization", Map.of("acls", List.of(Map.of("resource",
						Map.of("type", "topic", "name", "payments.events"), "operations", List.of("Write")))))));
		assertThat(KafkaTopology.acls(writing)).isNotEqualTo(notification.acls())
			.contains("topic payments.events literal Write");
		assertThat(notification.acls()).noneMatch((acl) -> acl.endsWith("Write"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void kafkaListensOnlyWithTlsAndScramAndTheUsersLiveBesideTheServices(String overlay) {
		List<Manifest> objects = Kustomize.render(overlay);
		Manifest kafka = only(objects, "Kafka", "emberpay");
		assertThat(kafka.list("spec", "kafka", "listeners")).isNotEmpty().allSatisfy((listener) -> {
			assertThat(Fields.at(listener, "tls")).isEqualTo(true);
			assertThat(Fields.at(listener, "authentication", "type")).isEqualTo("scram-sha-512");
		});
		assertThat(kafka.string("spec", "kafka", "authorization", "type")).isEqualTo("simple");
		assertThat(kafka.string("spec", "entityOperator", "userOperator", "watchedNamespace")).isEqualTo("emberpay");
		// the listener presents a certificate of the internal CA the services trust
		for (Object listener : kafka.list("spec", "kafka", "listeners")) {
			String secret = (String) Fields.at(listener, "configuration", "brokerCertChainAndKey", "secretName");
			Manifest certificate = kind(objects, "Certificate").stream()
				.filter((c) -> secret.equals(c.string("spec", "secretName")) && kafka.namespace().equals(c.namespace()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no Certificate writes " + secret));
			assertInternalCa(certificate);
			assertThat(certificate.list("spec", "dnsNames")).contains(
					"emberpay-kafka-bootstrap." + kafka.namespace() + ".svc",
					"*.emberpay-kafka-brokers." + kafka.namespace() + ".svc");
		}
		Manifest bundle = only(objects, "Bundle", CA_CONFIG_MAP);
		String caSecret = only(objects, "ClusterIssuer", "emberpay-internal-ca").string("spec", "ca", "secretName");
		assertThat(bundle.list("spec", "sources"))
			.containsExactly(Map.of("secret", Map.of("name", caSecret, "key", "ca.crt")));
		assertThat(bundle.map("spec", "target", "namespaceSelector", "matchLabels"))
			.containsEntry("kubernetes.io/metadata.name", "emberpay");
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyKafkaClientConnectsOverTlsAsItsOwnUser(String overlay) {
		List<Manifest> objects = Kustomize.render(overlay);
		Manifest kafka = only(objects, "Kafka", "emberpay");
		Object listener = kafka.list("spec", "kafka", "listeners").get(0);
		for (Manifest user : kind(objects, "KafkaUser")) {
			Manifest deployment = only(objects, "Deployment", user.name());
			Map<String, Object> config = configMapOf(objects, user.name());
			assertThat(config).as(user.name())
				.containsEntry("EMBERPAY_KAFKA",
						"emberpay-kafka-bootstrap." + kafka.namespace() + ".svc:" + Fields.at(listener, "port"))
				.containsEntry("EMBERPAY_KAFKA_SECURITYPROTOCOL", "SASL_SSL")
				.containsEntry("EMBERPAY_KAFKA_SASL_USERNAME", user.name())
				.containsEntry("EMBERPAY_KAFKA_SSL_TRUSTSTORELOCATION", "/etc/emberpay/internal-ca/ca.crt");
			Object password = env(deployment, "EMBERPAY_KAFKA_SASL_PASSWORD");
			assertThat(Fields.at(password, "valueFrom", "secretKeyRef", "name")).isEqualTo(user.name());
			assertThat(Fields.at(password, "valueFrom", "secretKeyRef", "key")).isEqualTo("password");
			assertThat(Fields.at(password, "valueFrom", "secretKeyRef", "optional")).isNotEqualTo(true);
			assertMountsTheInternalCa(deployment);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyServiceFetchesTheJwksOverHttpsFromAuthServicesCertificate(String overlay) {
		List<Manifest> objects = Kustomize.render(overlay);
		Manifest service = only(objects, "Service", "auth-service");
		for (String name : SERVICES) {
			Map<String, Object> config = configMapOf(objects, name);
			URI jwks = URI.create(String.valueOf(config.get("EMBERPAY_JWKS_URI")));
			assertThat(jwks.getScheme()).as(name).isEqualTo("https");
			assertThat(jwks.getHost()).isEqualTo("auth-service");
			assertThat(service.list("spec", "ports")).as("auth-service's Service port %s", jwks.getPort())
				.anySatisfy((port) -> {
					assertThat(Fields.at(port, "port")).isEqualTo(jwks.getPort());
					assertThat(Fields.at(port, "targetPort")).isEqualTo("https");
				});
			assertThat(config).containsEntry("EMBERPAY_SECURITY_JWKSSSLBUNDLE", "internal")
				.containsEntry("SPRING_SSL_BUNDLE_PEM_INTERNAL_TRUSTSTORE_CERTIFICATE",
						"file:/etc/emberpay/internal-ca/ca.crt");
			assertMountsTheInternalCa(only(objects, "Deployment", name));
		}
		Manifest certificate = only(objects, "Certificate", "auth-service-tls");
		assertInternalCa(certificate);
		assertThat(certificate.list("spec", "dnsNames")).contains("auth-service", "auth-service.emberpay.svc");
		Manifest auth = only(objects, "Deployment", "auth-service");
		assertThat(auth.list("spec", "template", "spec", "volumes"))
			.anySatisfy((volume) -> assertThat(Fields.at(volume, "secret", "secretName"))
				.isEqualTo(certificate.string("spec", "secretName")));
		Object container = auth.list("spec", "template", "spec", "containers").get(0);
		assertThat(Fields.list(Fields.at(container, "ports")))
			.anySatisfy((port) -> assertThat(Fields.map(port)).containsEntry("name", "https"));
		assertThat(configMapOf(objects, "auth-service")).containsEntry("EMBERPAY_AUTH_HTTPS_ENABLED", "true");
	}

	@Test
	void productionRefusesPlaintextKafkaAndAPlainHttpJwks() {
		List<Manifest> objects = Kustomize.render("k8s/overlays/prod");
		for (String name : SERVICES) {
			Map<String, Object> config = configMapOf(objects, name);
			assertThat(config).as(name).containsEntry("EMBERPAY_SECURITY_JWKSREQUIREHTTPS", "true");
			if (!kind(objects, "KafkaUser").stream().filter((u) -> u.name().equals(name)).toList().isEmpty()) {
				assertThat(config).as(name).containsEntry("EMBERPAY_KAFKA_REQUIRESECURE", "true");
			}
		}
	}

	private static void assertInternalCa(Manifest certificate) {
		assertThat(certificate.map("spec", "issuerRef")).as(certificate.id())
			.containsEntry("name", "emberpay-internal-ca")
			.containsEntry("kind", "ClusterIssuer");
	}

	private static void assertMountsTheInternalCa(Manifest deployment) {
		String volume = deployment.list("spec", "template", "spec", "volumes")
			.stream()
			.filter((v) -> CA_CONFIG_MAP.equals(Fields.at(v, "configMap", "name")))
			.map((v) -> (String) Fields.at(v, "name"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(deployment.name() + " mounts no " + CA_CONFIG_MAP));
		Object container = deployment.list("spec", "template", "spec", "containers").get(0);
		assertThat(Fields.list(Fields.at(container, "volumeMounts"))).as(deployment.name())
			.anySatisfy((mount) -> assertThat(Fields.map(mount)).containsEntry("name", volume)
				.containsEntry("mountPath", "/etc/emberpay/internal-ca")
				.containsEntry("readOnly", true));
	}

	private static Object env(Manifest deployment, String name) {
		Object container = deployment.list("spec", "template", "spec", "containers").get(0);
		return Fields.list(Fields.at(container, "env"))
			.stream()
			.filter((variable) -> name.equals(Fields.at(variable, "name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(deployment.name() + " has no " + name));
	}

	private static Map<String, Object> configMapOf(List<Manifest> objects, String service) {
		return objects.stream()
			.filter((o) -> o.kind().equals("ConfigMap") && o.name().startsWith(service + "-config"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ConfigMap of " + service))
			.map("data");
	}

	private static List<Manifest> kind(List<Manifest> objects, String kind) {
		return objects.stream().filter((o) -> kind.equals(o.kind())).toList();
	}

	private static Manifest only(List<Manifest> objects, String kind, String name) {
		List<Manifest> matching = objects.stream()
			.filter((o) -> o.kind().equals(kind) && o.name().equals(name))
			.toList();
		assertThat(matching).as("%s %s", kind, name).hasSize(1);
		return matching.get(0);
	}

}
