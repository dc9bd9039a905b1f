package io.emberpay.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every settings type ({@code @ConfigurationProperties}) is {@code @Validated}, so a
 * wrong value in a ConfigMap stops the service at start-up with the setting's name
 * instead of misbehaving later.
 */
class ValidatedSettingsTests {

	/** An annotation on a type, not a mention in a comment or an import. */
	private static final Pattern SETTINGS_TYPE = Pattern.compile("(?m)^@ConfigurationProperties\\(");

	/**
	 * Modules whose settings are being reworked elsewhere (gateway-service: issue 21, the
	 * trust boundaries); each entry is a debt, not an exemption.
	 */
	private static final Set<String> PENDING = Set.of("gateway-service");

	@Test
	void everyConfigurationPropertiesTypeIsValidated() throws IOException {
		List<Path> settings = settingsTypes();

		assertThat(settings).as("settings types found").hasSizeGreaterThan(10);
		assertThat(settings)
			.allSatisfy((type) -> assertThat(Files.readString(type)).as("%s", RepositoryFiles.root().relativize(type))
				.contains("\n@Validated\n"));
	}

	private static List<Path> settingsTypes() throws IOException {
		try (Stream<Path> files = Files.walk(RepositoryFiles.root())) {
			return files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> file.toString().contains("/src/main/java/"))
				.filter((file) -> !PENDING.contains(RepositoryFiles.root().relativize(file).getName(0).toString()))
				.filter((file) -> SETTINGS_TYPE.matcher(read(file)).find())
				.toList();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
