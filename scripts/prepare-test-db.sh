#!/usr/bin/env bash
# Builds the reference database the integration and browser tests copy.
# Usage: prepare-test-db.sh BOUSSOLE_BINARY DB_PATH
set -euo pipefail
binary=$1
db=$2
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
"$binary" --database "sqlite://$db" import territories
"$binary" --database "sqlite://$db" import offers
