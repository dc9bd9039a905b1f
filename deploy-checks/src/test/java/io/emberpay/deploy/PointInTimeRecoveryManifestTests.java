package io.emberpay.deploy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes point-in-time recovery ({@code k8s/recovery}, runbook
 * postgres-point-in-time-recovery.md), validated offline: a new CloudNativePG cluster
 * bootstrapped from exactly the object store and credentials production backs up to, with
 * a target time, and never writing backups into production's archive.
 */
class PointInTimeRecoveryManifestTests {

	private static final String RECOVERY = "k8s/recovery";

	@Test
	void everyRecoveryObjectValidatesAgainstTheSchemaOfItsKind() {
		List<String> violations = new ArrayList<>();
		for (Manifest object : Kustomize.render(RECOVERY)) {
			KubernetesSchemas.violations(object).forEach((v) -> violations.add(object.id() + ": " + v));
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void theRecoveryClusterReplaysProductionsBackupsToATargetTimeIntoANewCluster() {
		Manifest production = cluster("k8s/overlays/prod", "emberpay-db");
		Manifest recovery = cluster(RECOVERY, "emberpay-db-pitr");

		assertThat(recovery.namespace()).isEqualTo(production.namespace()).isEqualTo("emberpay-data");
		assertThat(recovery.string("spec", "imageName")).as("same PostgreSQL as the backups")
			.isEqualTo(production.string("spec", "imageName"));
		assertThat(
				OffsetDateTime.parse(recovery.string("spec", "bootstrap", "recovery", "recoveryTarget", "targetTime")))
			.isNotNull();
		String source = recovery.string("spec", "bootstrap", "recovery", "source");
		Map<String, Object> external = recovery.list("spec", "externalClusters")
			.stream()
			.map(Fields::map)
			.filter((cluster) -> source.equals(cluster.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no external cluster named " + source));
		Map<String, Object> store = Fields.map(external.get("barmanObjectStore"));
		assertThat(store.get("destinationPath"))
			.isEqualTo(production.string("spec", "backup", "barmanObjectStore", "destinationPath"));
		assertThat(store.get("s3Credentials"))
			.isEqualTo(production.at("spec", "backup", "barmanObjectStore", "s3Credentials"));
		assertThat(recovery.at("spec", "backup")).as("no backups into production's archive (two timelines in one)")
			.isNull();
	}

	@Test
	void productionNeverCreatesTheRecoveryCluster() {
		assertThat(Kustomize.render("k8s/overlays/prod")).noneMatch((o) -> "emberpay-db-pitr".equals(o.name()));
	}

	private static Manifest cluster(String kustomization, String name) {
		return Kustomize.render(kustomization)
			.stream()
			.filter((o) -> "Cluster".equals(o.kind()) && name.equals(o.name()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Cluster " + name + " in " + kustomization));
	}

}
