#!/bin/sh
# Runs once, when the primary's data directory is first made: lets replicas of the compose
# network stream its WAL (as the application's user, a superuser here, with its password).
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
