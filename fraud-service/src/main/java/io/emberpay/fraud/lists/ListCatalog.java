package io.emberpay.fraud.lists;

import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * All list entries held in memory, so scoring looks them up without a query. Reloaded
 * after every change on this instance and every few seconds for changes made on other
 * replicas; a failed reload keeps the last good copy.
 */
@Component
public class ListCatalog {

	private static final Logger log = LoggerFactory.getLogger(ListCatalog.class);

	/** Lists are curated by hand; far beyond this they belong in a different store. */
	static final int MAX_ENTRIES = 200_000;

	private final JdbcClient jdbc;

	private volatile Map<ListName, Map<String, ListAction>> entries = new EnumMap<>(ListName.class);

	ListCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ListAction> lookup(ListName list, String value) {
		if (value == null) {
			return Optional.empty();
		}
		Map<String, ListAction> values = this.entries.get(list);
		return (values == null) ? Optional.empty() : Optional.ofNullable(values.get(value));
	}

	/**
	 * Serialized, so a periodic reload that read before an operator's change committed
	 * cannot overwrite the reload that change triggered.
	 */
	@Scheduled(initialDelay = 0, fixedDelayString = "${emberpay.fraud.scoring.cache-refresh}")
	public synchronized void reload() {
		try {
			Map<ListName, Map<String, ListAction>> loaded = new EnumMap<>(ListName.class);
			this.jdbc.sql("select list_name, value, action from list_entry limit " + (MAX_ENTRIES + 1))
				.query((ResultSet rs) -> {
					if (rs.getRow() > MAX_ENTRIES) {
						throw new IllegalStateException("fraud lists exceed " + MAX_ENTRIES + " entries");
					}
					String value = rs.getString("value");
					ListAction action = ListAction.valueOf(rs.getString("action").toUpperCase(Locale.ROOT));
					ListName.fromCode(rs.getString("list_name"))
						.ifPresent(list -> loaded.computeIfAbsent(list, l -> new HashMap<>()).put(value, action));
				});
			this.entries = loaded;
		}
		catch (RuntimeException ex) {
			log.warn("Could not reload fraud lists; keeping the previous copy", ex);
		}
	}

}
