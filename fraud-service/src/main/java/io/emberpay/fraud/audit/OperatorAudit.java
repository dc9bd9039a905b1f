package io.emberpay.fraud.audit;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who changed a list or a threshold, and what it became: an insert-only trail written in
 * the same transaction as the change.
 */
@Component
public class OperatorAudit {

	private final JdbcClient jdbc;

	OperatorAudit(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Refuses anyone but an operator ({@code admin} role) with a 403 problem. */
	public static void requireOperator(Caller caller) {
		if (!caller.isOperator()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only operators may manage fraud settings");
		}
	}

	public void record(Caller operator, String action, String target, String detail) {
		this.jdbc.sql("insert into operator_audit (actor, action, target, detail) values (?, ?, ?, ?)")
			.params(operator.id(), action, target, detail)
			.update();
	}

}
