package io.emberpay.starter;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.emberpay.starter.kafka.KafkaClients;
import io.emberpay.testkit.FeaturePackages;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class StarterArchitectureTests {

	@Test
	void featurePackagesHaveNoCycles() {
		FeaturePackages.of("io.emberpay.starter").assertNoCycles();
	}

	/**
	 * A client built anywhere else would miss the TLS and SASL settings of
	 * {@code emberpay.kafka} and connect in the clear.
	 */
	@Test
	void onlyKafkaClientsCreatesKafkaClients() {
		JavaClasses starter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.emberpay.starter");
		DescribedPredicate<JavaCall<?>> createsClient = target(owner(assignableTo(KafkaProducer.class)))
			.and(target(name("<init>")))
			.or(target(owner(assignableTo(KafkaConsumer.class))).and(target(name("<init>"))))
			.or(target(owner(assignableTo(Admin.class))).and(target(name("create"))));
		noClasses().that()
			.doNotHaveFullyQualifiedName(KafkaClients.class.getName())
			.should()
			.callCodeUnitWhere(createsClient)
			.because("KafkaClients gives every client the emberpay.kafka security settings")
			.check(starter);
	}

}
