-- The API version an endpoint's deliveries are shaped in: the version its registration ran in (named by the
-- request, or the merchant's pinned one), as answers are. Endpoints registered before were sent the first
-- version's shape, and keep it; null is the current version.
alter table webhook_endpoint add column api_version varchar(10)
    check (api_version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');
update webhook_endpoint set api_version = '2026-12-01';
