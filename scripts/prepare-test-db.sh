#!/usr/bin/env bash
# Builds the reference databases the integration and browser tests copy: a SQLite file and,
# when the test cluster runs (STATE_DIR/postgres.url), the PostgreSQL database
# boussole_reference, used as a template.
# Usage: prepare-test-db.sh BOUSSOLE_BINARY STATE_DIR
set -euo pipefail
binary=$1
state_dir=$2
db="$state_dir/reference.db"
mkdir -p "$state_dir"
rm -f "$db" "$db-wal" "$db-shm"
"$binary" --database "sqlite://$db" import territories
"$binary" --database "sqlite://$db" import offers
"$binary" --database "sqlite://$db" import programmes

if [ -f "$state_dir/postgres.url" ]; then
  admin=$(cat "$state_dir/postgres.url")
  psql -q "$admin" -c "DROP DATABASE IF EXISTS boussole_reference WITH (FORCE)" -c "CREATE DATABASE boussole_reference"
  reference="${admin%/*}/boussole_reference"
  "$binary" --database "$reference" import territories
  "$binary" --database "$reference" import offers
  "$binary" --database "$reference" import programmes
fi
