package io.emberpay.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages of one module (package by feature:
 * {@code io.emberpay.<service>.<feature>..}), read from its compiled main classes, and
 * the rules they keep.
 */
public final class FeaturePackages {

	private final String root;

	private final JavaClasses classes;

	private FeaturePackages(String root, JavaClasses classes) {
		this.root = root;
		this.classes = classes;
	}

	/**
	 * @param root the module's base package, e.g. {@code io.emberpay.payment}
	 */
	public static FeaturePackages of(String root) {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages(root);
		return new FeaturePackages(root, classes);
	}

	/**
	 * Fails naming every cycle between the feature packages: a cycle means two features
	 * can only change together, so one of them is not a feature of its own. An empty
	 * module fails too, so a mistyped root cannot pass.
	 */
	public void assertNoCycles() {
		slices().matching(this.root + ".(*)..")
			.namingSlices("$1")
			.should()
			.beFreeOfCycles()
			.allowEmptyShould(false)
			.check(this.classes);
	}

}
