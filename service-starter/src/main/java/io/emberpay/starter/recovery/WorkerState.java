package io.emberpay.starter.recovery;

import java.util.Locale;

/** What health and metrics say about a background worker. */
public enum WorkerState {

	/** Working, or waiting for work. */
	RUNNING,

	/**
	 * Backing off after an infrastructure error (database or broker unreachable); it
	 * resumes by itself with the same records.
	 */
	RETRYING,

	/**
	 * Retrying for longer than {@code emberpay.recovery.failing-after}, or every one of
	 * its last records had to be parked: it needs a person.
	 */
	FAILING,

	/** Its thread has ended: nothing is processed until the service restarts. */
	STOPPED;

	/** The lower-case name used as a metric tag. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether this state takes the service out of readiness and pages. */
	public boolean needsAPerson() {
		return this == FAILING || this == STOPPED;
	}

}
