package io.emberpay.starter.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The services allowed to call an {@code /internal} endpoint, by their service names
 * ({@code payment-service}, {@code gateway}, ...). Put it on the handler method or its
 * controller; an internal endpoint without it refuses every caller (fail closed).
 * {@code operators} also lets an operator who logged in with MFA call it with their own
 * token.
 */
@Documented
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface InternalCallers {

	/** Service names allowed to call; empty means no service. */
	String[] value() default {};

	boolean operators() default false;

}
