package io.emberpay.auth.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Clock, password hashing and scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AuthConfiguration {

	/** OWASP's Argon2id parameters: 19 MiB memory, 2 iterations, 1 lane. */
	static final int ARGON2_MEMORY_KIB = 19456;

	static final int ARGON2_ITERATIONS = 2;

	static final int ARGON2_PARALLELISM = 1;

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	PasswordEncoder passwordEncoder(AuthProperties properties) {
		int concurrent = (properties.login().maxConcurrentHashes() > 0) ? properties.login().maxConcurrentHashes()
				: Runtime.getRuntime().availableProcessors();
		return new BoundedPasswordEncoder(
				new Argon2PasswordEncoder(16, 32, ARGON2_PARALLELISM, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS), concurrent,
				properties.login().hashQueueTimeout());
	}

}
