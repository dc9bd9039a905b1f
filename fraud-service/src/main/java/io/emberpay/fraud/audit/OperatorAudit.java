package io.emberpay.fraud.audit;

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

	public void record(Caller operator, String action, String target, String detail) {
		this.jdbc.sql("insert into operator_audit (actor, action, target, detail) values (?, ?, ?, ?)")
			.params(operator.id(), action, target, detail)
			.update();
	}

}
