#!/usr/bin/env bash
# Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d): one login role
# and one database per service, each role owning only its database. Passwords come from the
# environment (.env), passed to psql as variables so no quoting can break out of the literal.
set -euo pipefail

create_service_database() {
	local name="$1" password="$2"
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
		-v name="$name" -v password="$password" <<-'SQL'
		CREATE ROLE :"name" LOGIN PASSWORD :'password';
		CREATE DATABASE :"name" OWNER :"name";
		REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
	SQL
}

create_service_database auth "$AUTH_DB_PASSWORD"
create_service_database payment "$PAYMENT_DB_PASSWORD"
create_service_database fraud "$FRAUD_DB_PASSWORD"
create_service_database ledger "$LEDGER_DB_PASSWORD"
create_service_database notification "$NOTIFICATION_DB_PASSWORD"
create_service_database subscription "$SUBSCRIPTION_DB_PASSWORD"
