#!/bin/sh
# chromium.sh installs Debian's chromium for the explorer's browser test when
# it is missing. Safe to run again: it does nothing when chromium is present.
set -eu

for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null 2>&1; then
		echo "chromium.sh: $(command -v "$c") already installed"
		exit 0
	fi
done

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "chromium.sh: not root and no sudo: cannot install chromium" >&2
		exit 1
	fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
command -v chromium
