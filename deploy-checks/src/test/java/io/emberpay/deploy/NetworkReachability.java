package io.emberpay.deploy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates rendered NetworkPolicies the way a CNI enforces them, so tests can assert who
 * may talk to whom: a connection needs the source's egress and the destination's ingress
 * to allow it. A pod selected by no policy of a direction is open in that direction.
 */
final class NetworkReachability {

	private final List<Manifest> policies;

	NetworkReachability(List<Manifest> rendered) {
		this.policies = rendered.stream().filter((o) -> "NetworkPolicy".equals(o.kind())).toList();
	}

	/**
	 * Something that sends or receives traffic: a pod (namespace, labels, named ports) or
	 * an IP address.
	 *
	 * @param namespace the pod's namespace, null for an address outside the cluster
	 * @param labels the pod's labels
	 * @param ports the pod's named container ports
	 * @param ip the address, for endpoints outside the cluster
	 */
	record Endpoint(String namespace, Map<String, Object> labels, Map<String, Integer> ports, String ip) {

		static Endpoint pod(String namespace, Map<String, Object> labels, Map<String, Integer> ports) {
			return new Endpoint(namespace, labels, ports, null);
		}

		static Endpoint address(String ip) {
			return new Endpoint(null, Map.of(), Map.of(), ip);
		}

	}

	boolean allows(Endpoint from, Endpoint to, String protocol, int port) {
		return direction(from, "Egress", to, protocol, port) && direction(to, "Ingress", from, protocol, port);
	}

	/**
	 * Whether the policies selecting {@code subject} for one direction admit
	 * {@code peer}.
	 */
	private boolean direction(Endpoint subject, String type, Endpoint peer, String protocol, int port) {
		if (subject.namespace() == null) {
			return true;
		}
		List<Manifest> selecting = this.policies.stream()
			.filter((p) -> subject.namespace().equals(p.namespace()))
			.filter((p) -> p.list("spec", "policyTypes").contains(type))
			.filter((p) -> matches(p.map("spec", "podSelector"), subject.labels()))
			.toList();
		if (selecting.isEmpty()) {
			return true;
		}
		String rules = type.equals("Ingress") ? "ingress" : "egress";
		String peers = type.equals("Ingress") ? "from" : "to";
		Endpoint destination = type.equals("Ingress") ? subject : peer;
		for (Manifest policy : selecting) {
			for (Object rule : policy.list("spec", rules)) {
				boolean peerAllowed = Fields.at(rule, peers) == null || Fields.list(Fields.at(rule, peers))
					.stream()
					.anyMatch((candidate) -> peerMatches(Fields.map(candidate), policy.namespace(), peer));
				boolean portAllowed = Fields.at(rule, "ports") == null || Fields.list(Fields.at(rule, "ports"))
					.stream()
					.anyMatch((candidate) -> portMatches(Fields.map(candidate), destination, protocol, port));
				if (peerAllowed && portAllowed) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean peerMatches(Map<String, Object> peer, String policyNamespace, Endpoint endpoint) {
		if (peer.containsKey("ipBlock")) {
			return endpoint.ip() != null && inBlock(endpoint.ip(), Fields.map(peer.get("ipBlock")));
		}
		if (endpoint.namespace() == null) {
			return false;
		}
		boolean namespaceMatches = peer.containsKey("namespaceSelector")
				? matches(Fields.map(peer.get("namespaceSelector")),
						Map.of("kubernetes.io/metadata.name", endpoint.namespace()))
				: policyNamespace.equals(endpoint.namespace());
		boolean podMatches = !peer.containsKey("podSelector")
				|| matches(Fields.map(peer.get("podSelector")), endpoint.labels());
		return namespaceMatches && podMatches;
	}

	private static boolean portMatches(Map<String, Object> rule, Endpoint destination, String protocol, int port) {
		if (!Objects.equals(rule.getOrDefault("protocol", "TCP"), protocol)) {
			return false;
		}
		Object declared = rule.get("port");
		if (declared == null) {
			return true;
		}
		if (declared instanceof Integer number) {
			Object end = rule.get("endPort");
			return (end instanceof Integer last) ? port >= number && port <= last : port == number;
		}
		return Objects.equals(destination.ports().get(declared.toString()), port);
	}

	static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
		for (Map.Entry<String, Object> wanted : Fields.map(selector.get("matchLabels")).entrySet()) {
			if (!Objects.equals(String.valueOf(labels.get(wanted.getKey())), String.valueOf(wanted.getValue()))) {
				return false;
			}
		}
		for (Object element : Fields.list(selector.get("matchExpressions"))) {
			Map<String, Object> expression = Fields.map(element);
			Object value = labels.get(expression.get("key"));
			List<Object> values = Fields.list(expression.get("values"));
			boolean ok = switch (String.valueOf(expression.get("operator"))) {
				case "In" -> value != null && values.contains(value);
				case "NotIn" -> value == null || !values.contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> throw new IllegalArgumentException("operator " + expression.get("operator"));
			};
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private static boolean inBlock(String ip, Map<String, Object> block) {
		if (!inCidr(ip, String.valueOf(block.get("cidr")))) {
			return false;
		}
		return Fields.list(block.get("except")).stream().noneMatch((except) -> inCidr(ip, except.toString()));
	}

	private static boolean inCidr(String ip, String cidr) {
		String[] parts = cidr.split("/");
		int bits = Integer.parseInt(parts[1]);
		BigInteger address = toNumber(ip);
		BigInteger network = toNumber(parts[0]);
		int length = (ip.contains(":")) ? 128 : 32;
		if (ip.contains(":") != parts[0].contains(":")) {
			return false;
		}
		return address.shiftRight(length - bits).equals(network.shiftRight(length - bits));
	}

	private static BigInteger toNumber(String ip) {
		try {
			return new BigInteger(1, InetAddress.getByName(ip).getAddress());
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ip, ex);
		}
	}

}
