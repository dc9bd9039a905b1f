package io.emberpay.starter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.emberpay.events.Topics;
import io.emberpay.starter.kafka.KafkaClients;
import io.emberpay.starter.kafka.KafkaProperties;
import io.emberpay.testkit.SelfSignedCertificate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft broker whose only client listener is SASL_SSL with SCRAM-SHA-512 (and
 * PLAIN for its own admin), a throwaway certificate for localhost, and the standard
 * authorizer denying whatever no ACL allows: what Strimzi runs for the platform, in the
 * test JVM.
 */
final class ScramKafkaBroker implements AutoCloseable {

	private static final String ADMIN = "plain-admin";

	private static final String ADMIN_PASSWORD = "plain-admin-secret";

	private final KafkaClusterTestKit cluster;

	private final SelfSignedCertificate certificate;

	private ScramKafkaBroker(KafkaClusterTestKit cluster, SelfSignedCertificate certificate) {
		this.cluster = cluster;
		this.certificate = certificate;
	}

	static ScramKafkaBroker start(Path directory) throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.localhost(directory.resolve("tls"));
		Map<String, String> broker = new HashMap<>();
		broker.put("listener.security.protocol.map", "EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT");
		broker.put("ssl.keystore.type", "PKCS12");
		broker.put("ssl.keystore.location", certificate.keyStore().toString());
		broker.put("ssl.keystore.password", certificate.password());
		broker.put("ssl.key.password", certificate.password());
		// the broker is its own client on the inter-broker listener
		broker.put("ssl.truststore.type", "PEM");
		broker.put("ssl.truststore.location", certificate.certificatePem().toString());
		broker.put("sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN");
		broker.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
		broker.put("listener.name.external.scram-sha-512.sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required;");
		broker.put("listener.name.external.plain.sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
						+ "\" password=\"" + ADMIN_PASSWORD + "\" user_" + ADMIN + "=\"" + ADMIN_PASSWORD + "\";");
		broker.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		broker.put("allow.everyone.if.no.acl.found", "false");
		// the controller listener is plaintext inside this one process
		broker.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
		broker.put("offsets.topic.replication.factor", "1");
		broker.put("transaction.state.log.replication.factor", "1");
		broker.put("transaction.state.log.min.isr", "1");
		broker.put("group.initial.rebalance.delay.ms", "0");
		TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true)
			.setNumBrokerNodes(1)
			.setNumControllerNodes(1)
			.setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
			.setBaseDirectory(directory.resolve("kafka"))
			.setPerServerProperties(Map.of(0, broker))
			.build();
		KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes).build();
		cluster.format();
		cluster.startup();
		cluster.waitForReadyBrokers();
		ScramKafkaBroker started = new ScramKafkaBroker(cluster, certificate);
		try (Admin admin = started.admin()) {
			admin.createTopics(Topics.ALL.stream().map((topic) -> new NewTopic(topic, 2, (short) 1)).toList())
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		return started;
	}

	/** How a service reaches this broker over SASL_SSL, trusting its certificate. */
	KafkaProperties properties(String username, String password) {
		return new KafkaProperties(this.cluster.bootstrapServers(), false, 1, (short) 1, "SASL_SSL",
				new KafkaProperties.Ssl(this.certificate.certificatePem().toString(), "PEM"),
				new KafkaProperties.Sasl("SCRAM-SHA-512", username, password), true);
	}

	String bootstrapServers() {
		return this.cluster.bootstrapServers();
	}

	Path trustedCertificate() {
		return this.certificate.certificatePem();
	}

	/**
	 * A SCRAM user with the ACLs a Strimzi {@code KafkaUser} gives a service: write its
	 * topic under its transactional ids, read the topics its consumer groups read.
	 */
	void createUser(String name, String password, String writes, String reads, List<String> groups) throws Exception {
		List<AclBinding> acls = new ArrayList<>();
		acls.add(allow(name, ResourceType.TOPIC, writes, PatternType.LITERAL, AclOperation.WRITE));
		acls.add(allow(name, ResourceType.TOPIC, writes, PatternType.LITERAL, AclOperation.DESCRIBE));
		acls.add(allow(name, ResourceType.TRANSACTIONAL_ID, name + "-outbox-", PatternType.PREFIXED,
				AclOperation.WRITE));
		acls.add(allow(name, ResourceType.TRANSACTIONAL_ID, name + "-outbox-", PatternType.PREFIXED,
				AclOperation.DESCRIBE));
		acls.add(allow(name, ResourceType.TOPIC, reads, PatternType.LITERAL, AclOperation.READ));
		acls.add(allow(name, ResourceType.TOPIC, reads, PatternType.LITERAL, AclOperation.DESCRIBE));
		for (String group : groups) {
			acls.add(allow(name, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ));
		}
		try (Admin admin = admin()) {
			admin
				.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
				.all()
				.get(30, TimeUnit.SECONDS);
			admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
		}
	}

	private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
			AclOperation operation) {
		return new AclBinding(new ResourcePattern(type, name, pattern),
				new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
	}

	private Admin admin() {
		KafkaProperties admin = properties(ADMIN, ADMIN_PASSWORD)
			.withSasl(new KafkaProperties.Sasl("PLAIN", ADMIN, ADMIN_PASSWORD));
		return KafkaClients.admin(admin, Map.of());
	}

	@Override
	public void close() throws Exception {
		this.cluster.close();
	}

}
