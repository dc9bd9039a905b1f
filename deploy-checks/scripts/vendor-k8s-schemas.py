#!/usr/bin/env python3
"""Regenerates the vendored Kubernetes JSON schemas in src/test/resources/schemas/.

Source: the validation-schema.json files inside the io.fabric8:kubernetes-model-{core,apps,autoscaling,
policy,networking} jars on Maven Central (generated from the Kubernetes Go API types). The jars' schemas
are lenient (every object allows unknown fields, quantities are objects), so this script rewrites them
into what the API server enforces with strict field validation:
  - unknown fields are rejected (additionalProperties: false on every struct type);
  - resource.Quantity is a string or a number, intstr.IntOrString a string or an integer;
  - apiVersion and kind are required and fixed to the kind's group/version;
  - fabric8's Java code-generation keys are dropped.
Each kind gets one standalone file holding only the definitions it reaches.

Usage: vendor-k8s-schemas.py <dir with the unzipped jars' validation-schema.json files> <output dir>
"""
import json
import pathlib
import sys

KINDS = {
    ("apps/v1", "Deployment"): "kubernetes_apps_Deployment",
    ("v1", "Service"): "kubernetes_core_Service",
    ("v1", "ServiceAccount"): "kubernetes_core_ServiceAccount",
    ("v1", "ConfigMap"): "kubernetes_core_ConfigMap",
    ("v1", "Secret"): "kubernetes_core_Secret",
    ("v1", "Namespace"): "kubernetes_core_Namespace",
    ("autoscaling/v2", "HorizontalPodAutoscaler"): "kubernetes_autoscaling_v2_HorizontalPodAutoscaler",
    ("policy/v1", "PodDisruptionBudget"): "kubernetes_policy_v1_PodDisruptionBudget",
    ("networking.k8s.io/v1", "NetworkPolicy"): "kubernetes_networking_v1_NetworkPolicy",
    ("networking.k8s.io/v1", "Ingress"): "kubernetes_networking_v1_Ingress",
}
QUANTITY = "k8s_io_apimachinery_pkg_api_resource_Quantity"
INT_OR_STRING = "kubernetes_apimachinery_pkg_util_intstr_IntOrString"
DROPPED_KEYS = {"javaType", "existingJavaType", "javaInterfaces", "javaOmitEmpty", "javaName", "default",
                "serializer", "deserializer", "extends", "required"}


def clean(node):
    if isinstance(node, dict):
        out = {k: clean(v) for k, v in node.items() if k not in DROPPED_KEYS or (k == "required" and isinstance(v, list))}
        if out.get("type") == "object" and "properties" in out and out.get("additionalProperties") is True:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [clean(v) for v in node]
    return node


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            found.add(ref.rsplit("/", 1)[1])
        for v in node.values():
            refs(v, found)
    elif isinstance(node, list):
        for v in node:
            refs(v, found)


def main(source, target):
    definitions = {}
    for f in sorted(pathlib.Path(source).rglob("validation-schema.json")):
        definitions.update(json.loads(f.read_text())["definitions"])
    definitions = {k: clean(v) for k, v in definitions.items()}
    definitions[QUANTITY] = {"type": ["string", "number"]}
    definitions[INT_OR_STRING] = {"type": ["string", "integer"]}
    target = pathlib.Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for (api_version, kind), root in KINDS.items():
        reached, todo = set(), [root]
        while todo:
            name = todo.pop()
            if name in reached:
                continue
            reached.add(name)
            found = set()
            refs(definitions[name], found)
            todo.extend(found - reached)
        schema = dict(definitions[root])
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schema["properties"] = dict(schema["properties"])
        schema["properties"]["apiVersion"] = {"const": api_version}
        schema["properties"]["kind"] = {"const": kind}
        schema["required"] = ["apiVersion", "kind", "metadata"]
        schema["definitions"] = {k: definitions[k] for k in sorted(reached - {root})}
        group_version = api_version.replace(".k8s.io", "").replace("/", "-")
        (target / f"{group_version}-{kind}.json").write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
