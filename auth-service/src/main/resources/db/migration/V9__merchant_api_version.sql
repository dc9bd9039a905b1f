-- The dated API version (Emberpay-Version) a merchant's API keys get when a request names none: the version
-- its sign-up ran in, so changing the API never breaks a merchant's integration. Merchants who signed up
-- before versions were pinned wrote against the first version, 2026-12-01.
alter table merchant add column api_version varchar(10)
    check (api_version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');
update merchant set api_version = '2026-12-01';
