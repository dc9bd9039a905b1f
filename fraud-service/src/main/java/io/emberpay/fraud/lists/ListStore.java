package io.emberpay.fraud.lists;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.emberpay.fraud.audit.OperatorAudit;
import io.emberpay.starter.security.Caller;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** List entries in the database; every change is audited in its own transaction. */
@Component
class ListStore {

	private final JdbcClient jdbc;

	private final OperatorAudit audit;

	ListStore(JdbcClient jdbc, OperatorAudit audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Transactional
	ListEntry put(Caller operator, ListName list, String value, ListAction action, String reason) {
		ListEntry entry = this.jdbc.sql("""
				insert into list_entry (list_name, value, action, reason, created_by) values (?, ?, ?, ?, ?)
				on conflict (list_name, value) do update set action = excluded.action, reason = excluded.reason,
				    created_by = excluded.created_by, created_at = now()
				returning list_name, value, action, reason, created_by, created_at""")
			.params(list.code(), value, action.code(), reason, operator.id())
			.query(ListStore::entry)
			.single();
		this.audit.record(operator, "list_entry.put", list.code() + "/" + value,
				action.code() + ((reason == null) ? "" : ": " + reason));
		return entry;
	}

	@Transactional
	boolean remove(Caller operator, ListName list, String value) {
		int removed = this.jdbc.sql("delete from list_entry where list_name = ? and value = ?")
			.params(list.code(), value)
			.update();
		if (removed == 1) {
			this.audit.record(operator, "list_entry.delete", list.code() + "/" + value, "removed");
		}
		return removed == 1;
	}

	Optional<ListEntry> find(ListName list, String value) {
		return this.jdbc.sql("""
				select list_name, value, action, reason, created_by, created_at from list_entry
				where list_name = ? and value = ?""").params(list.code(), value).query(ListStore::entry).optional();
	}

	/**
	 * Entries ordered by value, {@code limit + 1} of them so the caller knows whether
	 * more exist.
	 */
	List<ListEntry> page(ListName list, String startingAfter, int limit) {
		return this.jdbc.sql("""
				select list_name, value, action, reason, created_by, created_at from list_entry
				where list_name = :list and (cast(:after as varchar) is null or value > :after)
				order by value limit :limit""")
			.param("list", list.code())
			.param("after", new SqlParameterValue(Types.VARCHAR, startingAfter))
			.param("limit", limit + 1)
			.query(ListStore::entry)
			.list();
	}

	private static ListEntry entry(ResultSet rs, int row) throws SQLException {
		return new ListEntry(rs.getString("list_name"), rs.getString("value"), rs.getString("action"),
				rs.getString("reason"), rs.getString("created_by"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
