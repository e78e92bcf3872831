#!/bin/sh
# wordnet.sh installs the Princeton WordNet 3.0 database from Debian's
# packages, for "annals train lexicon" (which reads /usr/share/wordnet).
# A normal build and the tests do not need it: the derived trigger table
# internal/event/data/lexicon.tsv is committed, and the tests that read
# WordNet skip when it is absent.
set -eu
if [ -f /usr/share/wordnet/data.verb ]; then
	echo "WordNet is installed in /usr/share/wordnet"
	exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
fi
$SUDO apt-get install -y wordnet-base
test -f /usr/share/wordnet/data.verb
echo "WordNet installed in /usr/share/wordnet"
