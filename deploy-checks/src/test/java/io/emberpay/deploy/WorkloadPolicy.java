package io.emberpay.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hardening every Emberpay Deployment must carry, as a list of violations so one test
 * run shows everything that is wrong.
 */
final class WorkloadPolicy {

	private WorkloadPolicy() {
	}

	static List<String> violations(Manifest deployment) {
		List<String> problems = new ArrayList<>();
		String id = deployment.id();
		Map<String, Object> pod = deployment.map("spec", "template", "spec");
		if (!Boolean.TRUE.equals(Fields.at(pod, "securityContext", "runAsNonRoot"))) {
			problems.add(id + ": pod securityContext.runAsNonRoot is not true");
		}
		if (!"RuntimeDefault".equals(Fields.at(pod, "securityContext", "seccompProfile", "type"))) {
			problems.add(id + ": pod seccompProfile is not RuntimeDefault");
		}
		if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
			problems.add(id + ": the pod mounts a service account token");
		}
		if (Fields.list(pod.get("topologySpreadConstraints")).isEmpty()) {
			problems.add(id + ": no topologySpreadConstraints");
		}
		List<Object> containers = Fields.list(pod.get("containers"));
		if (containers.isEmpty()) {
			problems.add(id + ": no containers");
		}
		for (Object element : containers) {
			Map<String, Object> container = Fields.map(element);
			String where = id + " container " + container.get("name");
			for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
				if (Fields.at(container, probe, "httpGet", "path") == null) {
					problems.add(where + ": no HTTP " + probe);
				}
			}
			checkProbePath(problems, where, container, "readinessProbe", "/actuator/health/readiness");
			checkProbePath(problems, where, container, "livenessProbe", "/actuator/health/liveness");
			for (String[] resource : new String[][] { { "requests", "cpu" }, { "requests", "memory" },
					{ "limits", "memory" } }) {
				if (Fields.at(container, "resources", resource[0], resource[1]) == null) {
					problems.add(where + ": no resources." + resource[0] + "." + resource[1]);
				}
			}
			Map<String, Object> security = Fields.map(container.get("securityContext"));
			if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
				problems.add(where + ": root filesystem is writable");
			}
			if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
				problems.add(where + ": allowPrivilegeEscalation is not false");
			}
			if (!Fields.list(Fields.at(security, "capabilities", "drop")).contains("ALL")) {
				problems.add(where + ": capabilities are not all dropped");
			}
			if (Boolean.TRUE.equals(security.get("privileged"))) {
				problems.add(where + ": privileged");
			}
			String image = String.valueOf(container.get("image"));
			if (!image.matches(".+:[^/]+") || image.endsWith(":latest")) {
				problems.add(where + ": image " + image + " is not pinned to a tag or digest");
			}
		}
		return problems;
	}

	private static void checkProbePath(List<String> problems, String where, Map<String, Object> container, String probe,
			String expected) {
		Object path = Fields.at(container, probe, "httpGet", "path");
		if (path != null && !expected.equals(path)) {
			problems.add(where + ": " + probe + " checks " + path + ", not " + expected);
		}
	}

}
