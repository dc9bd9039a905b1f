-- The gateway polls the sessions revoked lately (token.RevokedSessionController).
create index auth_session_revoked on auth_session (revoked_at) where revoked_at is not null;
