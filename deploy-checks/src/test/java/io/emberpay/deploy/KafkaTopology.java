package io.emberpay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What each service does on Kafka, read from its code: the topics its outbox writes
 * ({@code outbox.append(Topics.X, ...)}, the ledger's {@code new OutboundEvent(Topics.X,
 * ...)}) and, per consumer group, the topics its {@code EventSubscription}s read. The
 * {@code KafkaUser} ACLs are compared with the ACLs this implies, so the two cannot
 * drift.
 */
final class KafkaTopology {

	private static final Pattern TOPIC_CONSTANT = Pattern
		.compile("public static final String ([A-Z_]+) = \"([^\"]+)\";");

	private static final Pattern WRITES = Pattern
		.compile("(?:outbox\\s*\\.\\s*append(?:All)?|new\\s+OutboundEvent)\\(\\s*Topics\\.([A-Z_]+)");

	private static final Pattern SUBSCRIPTION = Pattern.compile(
			"(?:new\\s+EventSubscription|EventSubscription\\s*\\.\\s*of)\\(\\s*(?:\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_.]*))\\s*,\\s*List\\.of\\(([^)]*)\\)");

	private static final Pattern ANY_SUBSCRIPTION = Pattern
		.compile("new\\s+EventSubscription\\(|EventSubscription\\s*\\.\\s*of\\(");

	private static final Pattern TOPIC_USE = Pattern.compile("Topics\\.([A-Z_]+)");

	private KafkaTopology() {
	}

	/**
	 * One service's use of Kafka.
	 *
	 * @param user the Kafka user (the service's {@code spring.application.name})
	 * @param writes the topics it produces to
	 * @param groups its consumer groups and the topics each reads
	 */
	record Access(String user, Set<String> writes, Map<String, Set<String>> groups) {

		boolean usesKafka() {
			return !this.writes.isEmpty() || !this.groups.isEmpty();
		}

		/**
		 * The ACLs this use needs, one "type name pattern Operation" each: write and
		 * describe the topics written, under the outbox producer's transactional ids;
		 * read and describe the topics read, and read each consumer group.
		 */
		Set<String> acls() {
			Set<String> acls = new TreeSet<>();
			for (String topic : this.writes) {
				acls.add("topic " + topic + " literal Write");
				acls.add("topic " + topic + " literal Describe");
			}
			if (!this.writes.isEmpty()) {
				acls.add("transactionalId " + this.user + "-outbox- prefix Write");
				acls.add("transactionalId " + this.user + "-outbox- prefix Describe");
			}
			this.groups.forEach((group, topics) -> {
				acls.add("group " + group + " literal Read");
				for (String topic : topics) {
					acls.add("topic " + topic + " literal Read");
					acls.add("topic " + topic + " literal Describe");
				}
			});
			return acls;
		}

	}

	/**
	 * The ACLs a rendered {@code KafkaUser} grants, in the form of {@link Access#acls()}.
	 */
	static Set<String> acls(Manifest kafkaUser) {
		Set<String> acls = new TreeSet<>();
		for (Object acl : kafkaUser.list("spec", "authorization", "acls")) {
			Object type = Fields.at(acl, "type");
			if (type != null && !"allow".equals(type)) {
				acls.add("deny rule " + Fields.at(acl, "resource", "name"));
				continue;
			}
			Object pattern = Fields.at(acl, "resource", "patternType");
			for (Object operation : Fields.list(Fields.at(acl, "operations"))) {
				acls.add(Fields.at(acl, "resource", "type") + " " + Fields.at(acl, "resource", "name") + " "
						+ ((pattern != null) ? pattern : "literal") + " " + operation);
			}
		}
		return acls;
	}

	/** Every listed service's use of Kafka, read from its main sources. */
	static Map<String, Access> fromCode(List<String> services) {
		Map<String, String> topics = topicNames();
		Map<String, Access> accesses = new LinkedHashMap<>();
		for (String service : services) {
			accesses.put(service, of(service, topics));
		}
		return accesses;
	}

	private static Access of(String service, Map<String, String> topics) {
		Map<Path, String> sources = sources(service);
		Set<String> writes = new TreeSet<>();
		Map<String, Set<String>> groups = new TreeMap<>();
		for (Map.Entry<Path, String> source : sources.entrySet()) {
			String code = source.getValue();
			Matcher write = WRITES.matcher(code);
			while (write.find()) {
				writes.add(topic(topics, write.group(1), source.getKey()));
			}
			int declared = count(ANY_SUBSCRIPTION.matcher(code));
			int read = 0;
			Matcher subscription = SUBSCRIPTION.matcher(code);
			while (subscription.find()) {
				read++;
				String group = (subscription.group(1) != null) ? subscription.group(1)
						: constant(subscription.group(2), code, sources);
				Matcher used = TOPIC_USE.matcher(subscription.group(3));
				Set<String> groupTopics = groups.computeIfAbsent(group, (g) -> new TreeSet<>());
				while (used.find()) {
					groupTopics.add(topic(topics, used.group(1), source.getKey()));
				}
				if (groupTopics.isEmpty()) {
					throw new IllegalStateException(source.getKey() + ": the subscription of " + group
							+ " names its topics in a form this check cannot read: use List.of(Topics.X, ...)");
				}
			}
			if (declared != read) {
				throw new IllegalStateException(source.getKey() + " declares an EventSubscription this check cannot "
						+ "read: write it as new EventSubscription(\"group\" or CONSTANT, List.of(Topics.X, ...), ...)");
			}
		}
		String user = String
			.valueOf(Fields.at(RepositoryFiles.readYaml(service + "/src/main/resources/application.yml"), "spring",
					"application", "name"));
		return new Access(user, writes, groups);
	}

	private static String constant(String reference, String code, Map<Path, String> sources) {
		String name = reference.substring(reference.lastIndexOf('.') + 1);
		Pattern declaration = Pattern.compile("static final String " + name + " = \"([^\"]+)\";");
		Matcher local = declaration.matcher(code);
		if (local.find()) {
			return local.group(1);
		}
		for (String other : sources.values()) {
			Matcher elsewhere = declaration.matcher(other);
			if (elsewhere.find()) {
				return elsewhere.group(1);
			}
		}
		throw new IllegalStateException("No String constant " + reference + " for a consumer group");
	}

	private static String topic(Map<String, String> topics, String constant, Path where) {
		String topic = topics.get(constant);
		if (topic == null) {
			throw new IllegalStateException(where + " uses Topics." + constant + ", which event-contracts lacks");
		}
		return topic;
	}

	private static int count(Matcher matcher) {
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private static Map<String, String> topicNames() {
		Map<String, String> names = new HashMap<>();
		Matcher constant = TOPIC_CONSTANT
			.matcher(RepositoryFiles.read("event-contracts/src/main/java/io/emberpay/events/Topics.java"));
		while (constant.find()) {
			names.put(constant.group(1), constant.group(2));
		}
		return names;
	}

	private static Map<Path, String> sources(String service) {
		Path root = RepositoryFiles.resolve(service + "/src/main/java");
		Map<Path, String> sources = new LinkedHashMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			List<Path> java = new ArrayList<>(files.filter((f) -> f.toString().endsWith(".java")).sorted().toList());
			for (Path file : java) {
				sources.put(RepositoryFiles.root().relativize(file), Files.readString(file));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return sources;
	}

}
