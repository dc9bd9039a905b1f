-- An operator can lock an account (compromised, abusive) until an operator unlocks it: its
-- login is refused even with the right password and its sessions were revoked with the lock.
-- Unlike login_throttle's lockout after failures, this one never ends by itself.
alter table app_user
    add column locked_at   timestamptz,
    add column locked_by   varchar(40),
    add column lock_reason varchar(500);
