package io.emberpay.starter.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The development keys committed with the code: every value the {@code local} profile's
 * configuration files on the class path hold ({@code application-local.yml} and
 * {@code .properties}). A placeholder such as {@code ${EMBERPAY_AUTH_MASTER_KEY:dev}}
 * counts by its default.
 */
final class CommittedKeys {

	private static volatile Set<String> keys;

	private CommittedKeys() {
	}

	static Set<String> load() {
		Set<String> loaded = keys;
		if (loaded == null) {
			loaded = read();
			keys = loaded;
		}
		return loaded;
	}

	private static Set<String> read() {
		Set<String> values = new HashSet<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		read(resolver, "classpath*:application-local.yml", new YamlPropertySourceLoader(), values);
		read(resolver, "classpath*:application-local.yaml", new YamlPropertySourceLoader(), values);
		read(resolver, "classpath*:application-local.properties", new PropertiesPropertySourceLoader(), values);
		return Set.copyOf(values);
	}

	private static void read(PathMatchingResourcePatternResolver resolver, String pattern, PropertySourceLoader loader,
			Set<String> values) {
		try {
			for (Resource resource : resolver.getResources(pattern)) {
				for (PropertySource<?> source : loader.load(resource.getDescription(), resource)) {
					if (source instanceof EnumerablePropertySource<?> enumerable) {
						for (String name : enumerable.getPropertyNames()) {
							values.add(defaultOf(String.valueOf(enumerable.getProperty(name)).strip()));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code ${NAME:default}} → {@code default}; anything else as it is. */
	static String defaultOf(String value) {
		if (value.startsWith("${") && value.endsWith("}")) {
			int colon = value.indexOf(':');
			return (colon < 0) ? value : value.substring(colon + 1, value.length() - 1);
		}
		return value;
	}

}
