package io.emberpay.starter.keys;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.springframework.core.env.Environment;

/**
 * Checks a {@link DeploymentKey}. Created by Spring's validator factory, which binds
 * configuration properties, so the environment is at hand.
 */
class DeploymentKeyValidator implements ConstraintValidator<DeploymentKey, String> {

	static final String LOCAL_PROFILE = "local";

	private final Environment environment;

	DeploymentKeyValidator(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean isValid(String key, ConstraintValidatorContext context) {
		if (this.environment.matchesProfiles(LOCAL_PROFILE)) {
			return key != null && !key.isBlank();
		}
		if (key == null || key.isBlank()) {
			return replace(context, "is not set: every deployment sets it from its secret store");
		}
		if (CommittedKeys.load().contains(key.strip())) {
			return replace(context, "is a development key committed with the code; outside the 'local' profile "
					+ "set a key of the deployment's own from its secret store");
		}
		return true;
	}

	private static boolean replace(ConstraintValidatorContext context, String message) {
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
		return false;
	}

}
