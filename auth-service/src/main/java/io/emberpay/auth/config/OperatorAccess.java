package io.emberpay.auth.config;

import io.emberpay.auth.AuthError;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;

/** Operator actions need the admin role and a token whose login used a second factor. */
public final class OperatorAccess {

	private OperatorAccess() {
	}

	public static void require(Caller caller) {
		if (!caller.isOperator()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only operators may do this");
		}
		if (!caller.amr().contains("otp")) {
			throw new ApiException(AuthError.MFA_REQUIRED, "Log in with MFA to act as an operator");
		}
	}

}
