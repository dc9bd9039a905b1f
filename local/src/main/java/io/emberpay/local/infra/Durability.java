package io.emberpay.local.infra;

import java.util.Map;

/**
 * Whether the local PostgreSQL keeps what it acknowledged when the machine or the server
 * dies. Durable is the default of {@code ./platform up}; ephemeral is asked for by name.
 */
public enum Durability {

	/**
	 * A commit returns once its WAL is flushed to disk: a payment the API acknowledged
	 * survives a crash of PostgreSQL or of the laptop.
	 */
	DURABLE(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")),

	/**
	 * Nothing is flushed: faster, and a crash may lose acknowledged payments or corrupt
	 * the data directory. For throwaway data only.
	 */
	EPHEMERAL(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));

	private final Map<String, String> serverSettings;

	Durability(Map<String, String> serverSettings) {
		this.serverSettings = serverSettings;
	}

	/** The PostgreSQL settings that make it so. */
	public Map<String, String> serverSettings() {
		return this.serverSettings;
	}

}
