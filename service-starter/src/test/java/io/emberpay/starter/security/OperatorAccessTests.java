package io.emberpay.starter.security;

import java.util.List;
import java.util.Set;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operator powers need the admin role and a second factor in the login, in every service
 * (payment-service's operator reads go through {@link Caller#isOperator()}).
 */
@Tag("security")
class OperatorAccessTests {

	@Test
	void anAdminWithOtpIsAnOperator() {
		Caller caller = admin(List.of("pwd", "otp"));

		assertThat(caller.isOperator()).isTrue();
		assertThatCode(() -> OperatorAccess.require(caller)).doesNotThrowAnyException();
	}

	@Test
	void anAdminWithoutOtpIsNoOperatorAndIsToldToUseMfa() {
		Caller caller = admin(List.of("pwd"));

		assertThat(caller.isOperator()).isFalse();
		assertThat(caller.isUser()).isFalse();
		assertThatThrownBy(() -> OperatorAccess.require(caller)).isInstanceOfSatisfying(ApiException.class,
				refusal -> assertThat(refusal.error()).isEqualTo(CommonError.MFA_REQUIRED));
	}

	@Test
	void anyoneElseIsForbidden() {
		Caller user = new Caller("usr_1", Caller.Kind.USER, Set.of("user"), List.of("pwd", "otp"), false);

		assertThatThrownBy(() -> OperatorAccess.require(user)).isInstanceOfSatisfying(ApiException.class,
				refusal -> assertThat(refusal.error()).isEqualTo(CommonError.FORBIDDEN));
	}

	private static Caller admin(List<String> amr) {
		return new Caller("usr_op", Caller.Kind.OPERATOR, Set.of("user", "admin"), amr, false);
	}

}
