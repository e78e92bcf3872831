#!/bin/sh
# postgres.sh installs Debian's PostgreSQL server binaries (initdb, pg_ctl,
# postgres) for the store's PostgreSQL tests when they are missing. The
# tests start their own throwaway server (internal/store/pgtest); no
# service is started here. Safe to run again: it does nothing when the
# binaries are present.
set -eu

if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
	echo "postgres.sh: $(command -v initdb) already installed"
	exit 0
fi
for d in /usr/lib/postgresql/*/bin; do
	if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
		echo "postgres.sh: $d/initdb already installed"
		exit 0
	fi
done

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "postgres.sh: not root and no sudo: cannot install postgresql" >&2
		exit 1
	fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends postgresql
ls /usr/lib/postgresql/*/bin/initdb
