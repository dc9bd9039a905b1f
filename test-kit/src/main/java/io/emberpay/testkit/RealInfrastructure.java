package io.emberpay.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;

/**
 * Points a Spring Boot test at the JVM's shared real PostgreSQL (its own database, named
 * by {@code emberpay.test.database} or derived from {@code spring.application.name}) and
 * Kafka broker, and at {@link TestTokens}' JWKS. Use beside {@code @SpringBootTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
public @interface RealInfrastructure {

}
