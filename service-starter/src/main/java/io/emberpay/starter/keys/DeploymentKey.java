package io.emberpay.starter.keys;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Marks a configuration property that holds a secret key (base64). Outside the
 * {@code local} profile the service refuses to start when the key is missing or is one of
 * the development keys committed with the code (the {@code local} profile's
 * configuration), and the start-up failure names the property. Put it on the
 * {@code @Validated @ConfigurationProperties} component, or on a map's value type.
 */
@Documented
@Constraint(validatedBy = DeploymentKeyValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface DeploymentKey {

	String message() default "must come from the deployment's secret store: it is missing, or it is a development key "
			+ "committed with the code (allowed only with the 'local' profile)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
