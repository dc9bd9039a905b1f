package io.emberpay.ledger;

import io.emberpay.starter.problem.ErrorCode;

import org.springframework.http.HttpStatus;

/** The ledger's own error catalogue; codes every service shares are in CommonError. */
public enum LedgerError implements ErrorCode {

	TRANSACTION_UNBALANCED(HttpStatus.BAD_REQUEST, "Transaction does not balance"),
	TOO_FEW_ENTRIES(HttpStatus.BAD_REQUEST, "A transaction needs at least two entries"),
	CURRENCY_MISMATCH(HttpStatus.BAD_REQUEST, "Entry currency differs from its account's currency"),
	UNKNOWN_ACCOUNT(HttpStatus.BAD_REQUEST, "No such ledger account"),
	ACCOUNT_EXISTS(HttpStatus.CONFLICT, "Ledger account already exists"),
	INSUFFICIENT_FUNDS(HttpStatus.CONFLICT, "The account may not be overdrawn"),
	INSUFFICIENT_AVAILABLE_BALANCE(HttpStatus.CONFLICT, "Payout exceeds the available balance"),
	HOLD_ALREADY_RESOLVED(HttpStatus.CONFLICT, "The hold was already posted or voided"),
	SETTLEMENT_FILE_INVALID(HttpStatus.BAD_REQUEST, "Settlement file is not valid"),
	SETTLEMENT_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Settlement file could not be fetched"),
	LEDGER_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Ledger is busy; retry with the same Idempotency-Key");

	private final HttpStatus status;

	private final String title;

	LedgerError(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

}
