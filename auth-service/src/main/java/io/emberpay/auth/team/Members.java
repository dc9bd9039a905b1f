package io.emberpay.auth.team;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.ResourceIds;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code merchant_member} table. Each membership carries a grant id that the merchant
 * tokens issued under it name; a removal or a role change ends the grant
 * ({@code member_grant_revoked}), which the revoked sessions feed tells the gateway.
 */
@Repository
class Members {

	/** At most this many members are listed: a team is people, not a population. */
	static final int MAX_LISTED = 500;

	private static final String COLUMNS = """
			m.merchant_id, m.user_id, u.email, m.role, m.grant_id, m.added_at, m.added_by, mer.name
			from merchant_member m join app_user u on u.id = m.user_id join merchant mer on mer.id = m.merchant_id""";

	private final JdbcClient jdbc;

	Members(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds the member unless already one; answers whether it was added. */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean add(String merchantId, String userId, TeamRole role, String addedBy, Instant now) {
		return this.jdbc.sql("""
				insert into merchant_member (merchant_id, user_id, role, grant_id, added_at, added_by)
				values (?, ?, ?, ?, ?, ?) on conflict (merchant_id, user_id) do nothing""")
			.params(merchantId, userId, role.column(), ResourceIds.next("mgr"), Timestamp.from(now), addedBy)
			.update() == 1;
	}

	Optional<Member> find(String merchantId, String userId) {
		return this.jdbc.sql("select " + COLUMNS + " where m.merchant_id = ? and m.user_id = ? and u.erased_at is null")
			.params(merchantId, userId)
			.query((rs, n) -> map(rs))
			.optional();
	}

	/**
	 * Locks the merchant's team for a change that must see every admin: two admins
	 * demoting each other at once cannot both succeed.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Member> lockTeam(String merchantId) {
		this.jdbc.sql("select id from merchant where id = ? for update").param(merchantId).query(String.class).list();
		return list(merchantId);
	}

	List<Member> list(String merchantId) {
		return this.jdbc
			.sql("select " + COLUMNS + " where m.merchant_id = ? and u.erased_at is null order by m.added_at limit ?")
			.params(merchantId, MAX_LISTED)
			.query((rs, n) -> map(rs))
			.list();
	}

	List<Member> ofUser(String userId) {
		return this.jdbc
			.sql("select " + COLUMNS + " where m.user_id = ? and mer.status = 'active' order by m.added_at limit ?")
			.params(userId, MAX_LISTED)
			.query((rs, n) -> map(rs))
			.list();
	}

	/** Gives the member a new role under a new grant; the old grant ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	void changeRole(Member member, TeamRole role, Instant now) {
		endGrant(member.grantId(), now);
		this.jdbc.sql("update merchant_member set role = ?, grant_id = ? where merchant_id = ? and user_id = ?")
			.params(role.column(), ResourceIds.next("mgr"), member.merchantId(), member.userId())
			.update();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void remove(Member member, Instant now) {
		endGrant(member.grantId(), now);
		this.jdbc.sql("delete from merchant_member where merchant_id = ? and user_id = ?")
			.params(member.merchantId(), member.userId())
			.update();
	}

	private void endGrant(String grantId, Instant now) {
		this.jdbc.sql("insert into member_grant_revoked (grant_id, revoked_at) values (?, ?) on conflict do nothing")
			.params(grantId, Timestamp.from(now))
			.update();
	}

	private static Member map(ResultSet rs) throws SQLException {
		return new Member(rs.getString("merchant_id"), rs.getString("name"), rs.getString("user_id"),
				rs.getString("email"), TeamRole.of(rs.getString("role")), rs.getString("grant_id"),
				rs.getTimestamp("added_at").toInstant(), rs.getString("added_by"));
	}

	/**
	 * A member; {@code grantId} is never shown: it only ties tokens to the membership.
	 */
	record Member(String merchantId, String merchantName, String userId, String email, TeamRole role, String grantId,
			Instant addedAt, String addedBy) {
	}

}
