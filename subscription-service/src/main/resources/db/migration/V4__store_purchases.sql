-- Purchases made in the App Store and Google Play grant the same entitlements as subscriptions.
-- An app sets an app account token (a UUID the service hands the signed-in user) at purchase; the stores
-- send it back in their notifications, which is how a store purchase finds its user.
create table app_account_token (
    token      uuid primary key,
    merchant   text not null,
    customer   text not null,
    created    timestamptz not null,
    unique (merchant, customer)
);

-- Every store notification handled, by the store's own id (Apple's notificationUUID, Pub/Sub's
-- messageId): a notification the store sends again changes nothing.
create table store_notification (
    store            text not null,
    notification_id  text not null,
    merchant         text not null,
    type             text not null,
    outcome          text not null,
    received         timestamptz not null,
    primary key (store, notification_id)
);
