package io.emberpay.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The checks above are only worth something if they fail on broken manifests: these break
 * a rendered production Deployment on purpose.
 */
class ValidationCatchesMistakesTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void aMisspelledFieldIsRejectedAsTheApiServerWould() {
		Map<String, Object> deployment = paymentDeployment();
		Map<String, Object> container = container(deployment);
		container.put("readinesProbe", container.remove("readinessProbe"));

		assertThat(KubernetesSchemas.violations(new Manifest(deployment)))
			.anySatisfy((v) -> assertThat(v).contains("readinesProbe"));
	}

	@Test
	void aWronglyTypedFieldIsRejected() {
		Map<String, Object> deployment = paymentDeployment();
		Fields.map(deployment.get("spec")).put("replicas", "three");

		assertThat(KubernetesSchemas.violations(new Manifest(deployment)))
			.anySatisfy((v) -> assertThat(v).contains("replicas"));
	}

	@Test
	void quantitiesAndIntOrStringPortsAreAccepted() {
		assertThat(KubernetesSchemas.violations(new Manifest(paymentDeployment()))).isEmpty();
	}

	@Test
	void aKindWithoutAVendoredSchemaIsAnErrorNotASilentPass() {
		Manifest unknown = new Manifest(
				Map.of("apiVersion", "example.com/v1", "kind", "Widget", "metadata", Map.of("name", "w")));

		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesSchemas.violations(unknown))
			.withMessageContaining("Widget");
	}

	@Test
	void aWritableRootFilesystemMissingProbeAndRootUserAreReported() {
		Map<String, Object> deployment = paymentDeployment();
		Map<String, Object> container = container(deployment);
		container.remove("livenessProbe");
		Fields.map(container.get("securityContext")).put("readOnlyRootFilesystem", false);
		Fields.map(Fields.at(deployment, "spec", "template", "spec", "securityContext")).remove("runAsNonRoot");

		assertThat(WorkloadPolicy.violations(new Manifest(deployment))).hasSize(3)
			.anySatisfy((v) -> assertThat(v).contains("livenessProbe"))
			.anySatisfy((v) -> assertThat(v).contains("root filesystem is writable"))
			.anySatisfy((v) -> assertThat(v).contains("runAsNonRoot"));
	}

	@Test
	void anUnpinnedImageIsReported() {
		Map<String, Object> deployment = paymentDeployment();
		container(deployment).put("image", "emberpay/payment-service:latest");

		assertThat(WorkloadPolicy.violations(new Manifest(deployment))).singleElement()
			.satisfies((v) -> assertThat(v).contains("not pinned"));
	}

	private static Map<String, Object> paymentDeployment() {
		Manifest rendered = Kustomize.render("k8s/overlays/prod")
			.stream()
			.filter((o) -> o.kind().equals("Deployment") && o.name().equals("payment-service"))
			.findFirst()
			.orElseThrow();
		// a deep copy: the rendered objects are shared by every test
		return JSON.convertValue(rendered.content(), new TypeReference<Map<String, Object>>() {
		});
	}

	private static Map<String, Object> container(Map<String, Object> deployment) {
		List<Object> containers = Fields.list(Fields.at(deployment, "spec", "template", "spec", "containers"));
		return Fields.map(containers.get(0));
	}

}
