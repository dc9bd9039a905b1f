package io.emberpay.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every platform service has its own identity in Kubernetes
 * (docs/decisions/service-identity.md): its client secret from its own Secret (never a
 * literal), auth-service's token endpoint in its ConfigMap, and auth-service reads each
 * service's Secret under the name the allow-lists know the service by.
 */
@Tag("security")
class ServiceIdentityManifestTests {

	private static final List<String> SERVICES = List.of("gateway-service", "auth-service", "payment-service",
			"fraud-service", "ledger-service", "notification-service", "subscription-service");

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyServiceTakesItsOwnClientSecretFromItsOwnSecret(String overlay) {
		List<Manifest> objects = Kustomize.render(overlay);
		for (String service : SERVICES) {
			Manifest deployment = only(objects, "Deployment", service);
			Object container = deployment.list("spec", "template", "spec", "containers").get(0);
			Object secret = Fields.list(Fields.at(container, "env"))
				.stream()
				.filter((variable) -> "EMBERPAY_SERVICE_CLIENT_SECRET".equals(Fields.at(variable, "name")))
				.findFirst()
				.orElseThrow(() -> new AssertionError(service + " has no EMBERPAY_SERVICE_CLIENT_SECRET"));
			assertThat(Fields.at(secret, "valueFrom", "secretKeyRef", "name")).as(service)
				.isEqualTo(service + "-client-secret");
			assertThat(Fields.at(secret, "valueFrom", "secretKeyRef", "optional")).as(service).isNotEqualTo(true);
			assertThat(configMapOf(objects, service)).as(service)
				.containsEntry("EMBERPAY_SERVICE_IDENTITY_URL", "http://auth-service:8081/internal/v1/service_tokens");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void authServiceReadsEveryServicesSecretUnderItsIdentity(String overlay) {
		Manifest auth = only(Kustomize.render(overlay), "Deployment", "auth-service");
		Object volume = auth.list("spec", "template", "spec", "volumes")
			.stream()
			.filter((v) -> "service-clients".equals(Fields.at(v, "name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("auth-service mounts no service-clients volume"));
		List<String> projected = new ArrayList<>();
		for (Object source : Fields.list(Fields.at(volume, "projected", "sources"))) {
			Object item = Fields.list(Fields.at(source, "secret", "items")).get(0);
			projected.add(Fields.at(source, "secret", "name") + " -> " + Fields.at(item, "path"));
		}
		assertThat(projected).containsExactlyInAnyOrderElementsOf(SERVICES.stream()
			.map((s) -> s + "-client-secret -> emberpay.auth.service-clients.secrets."
					+ (s.equals("gateway-service") ? "gateway" : s))
			.toList());
		Object container = auth.list("spec", "template", "spec", "containers").get(0);
		assertThat(Fields.list(Fields.at(container, "volumeMounts")))
			.anySatisfy((mount) -> assertThat(Fields.map(mount)).containsEntry("name", "service-clients")
				.containsEntry("mountPath", "/etc/emberpay/service-clients")
				.containsEntry("readOnly", true));
	}

	private static Map<String, Object> configMapOf(List<Manifest> objects, String service) {
		return objects.stream()
			.filter((o) -> o.kind().equals("ConfigMap") && o.name().startsWith(service + "-config"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ConfigMap of " + service))
			.map("data");
	}

	private static Manifest only(List<Manifest> objects, String kind, String name) {
		List<Manifest> matching = objects.stream()
			.filter((o) -> o.kind().equals(kind) && o.name().equals(name))
			.toList();
		assertThat(matching).as("%s %s", kind, name).hasSize(1);
		return matching.get(0);
	}

}
