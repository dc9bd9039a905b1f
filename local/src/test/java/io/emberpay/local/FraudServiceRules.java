package io.emberpay.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;

import io.emberpay.local.process.PlatformProcesses;
import org.yaml.snakeyaml.Yaml;

/**
 * fraud-service's production rules ({@code emberpay.fraud.rules}) as the jar the platform
 * runs has them, for the tests and benchmarks that override a few of them: what they do
 * not override follows the rules when they change.
 */
public final class FraudServiceRules {

	private FraudServiceRules() {
	}

	/** The rules in the application.yml of fraud-service's executable jar. */
	public static Map<String, Object> ofJar(Path repository) throws IOException {
		Path jar = PlatformProcesses.executableJar(repository, "fraud-service");
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			var entry = zip.getEntry("BOOT-INF/classes/application.yml");
			if (entry == null) {
				throw new IOException("no application.yml in " + jar);
			}
			try (InputStream yaml = zip.getInputStream(entry)) {
				return of(yaml);
			}
		}
	}

	/** The rules in a fraud-service application.yml. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> of(InputStream applicationYaml) {
		Map<String, Object> yaml = new Yaml().load(applicationYaml);
		Map<String, Object> emberpay = (Map<String, Object>) yaml.get("emberpay");
		return (Map<String, Object>) ((Map<String, Object>) emberpay.get("fraud")).get("rules");
	}

}
