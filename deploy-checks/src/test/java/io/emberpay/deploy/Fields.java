package io.emberpay.deploy;

import java.util.List;
import java.util.Map;

/**
 * Navigation into parsed YAML/JSON trees: a missing step yields null or an empty
 * collection.
 */
final class Fields {

	private Fields() {
	}

	/**
	 * Follows a path of map keys (String) and list indexes (Integer).
	 * @param root where to start
	 * @param path the keys and indexes
	 * @return the value, or null when any step is missing
	 */
	static Object at(Object root, Object... path) {
		Object current = root;
		for (Object step : path) {
			if (current instanceof Map<?, ?> map && step instanceof String key) {
				current = map.get(key);
			}
			else if (current instanceof List<?> list && step instanceof Integer index && index < list.size()) {
				current = list.get(index);
			}
			else {
				return null;
			}
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (value instanceof List<?> list) ? (List<Object>) list : List.of();
	}

}
