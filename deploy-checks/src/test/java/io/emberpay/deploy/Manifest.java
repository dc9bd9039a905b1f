package io.emberpay.deploy;

import java.util.List;
import java.util.Map;

/**
 * One rendered Kubernetes object, with null-safe navigation into its fields.
 *
 * @param content the object as parsed from YAML
 */
record Manifest(Map<String, Object> content) {

	String apiVersion() {
		return (String) content.get("apiVersion");
	}

	String kind() {
		return (String) content.get("kind");
	}

	String name() {
		return string("metadata", "name");
	}

	String namespace() {
		return string("metadata", "namespace");
	}

	String id() {
		return kind() + " " + namespace() + "/" + name();
	}

	Object at(Object... path) {
		return Fields.at(content, path);
	}

	String string(Object... path) {
		Object value = at(path);
		return (value != null) ? value.toString() : null;
	}

	Map<String, Object> map(Object... path) {
		return Fields.map(at(path));
	}

	List<Object> list(Object... path) {
		return Fields.list(at(path));
	}

}
