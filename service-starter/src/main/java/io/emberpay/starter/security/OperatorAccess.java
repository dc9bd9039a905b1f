package io.emberpay.starter.security;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

/**
 * The one check of every operator endpoint, in every service: the {@code admin} role and
 * a token whose login used a second factor. A stolen password alone never acts as an
 * operator.
 */
public final class OperatorAccess {

	private OperatorAccess() {
	}

	public static void require(Caller caller) {
		if (caller.isOperator()) {
			return;
		}
		if (caller.kind() == Caller.Kind.OPERATOR) {
			throw new ApiException(CommonError.MFA_REQUIRED, "Log in with MFA to act as an operator");
		}
		throw new ApiException(CommonError.FORBIDDEN, "Only operators may do this");
	}

}
