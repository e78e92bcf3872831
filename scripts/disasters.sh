#!/usr/bin/env bash
# Share of disaster and accident snippets given an ASSAULT (none should
# be), and of attack snippets given one (all should be), each snippet coded
# as its own document. The snippets were written for this check
# (scripts/testdata/{disasters,attacks}.txt; {disasters,attacks}2.txt were
# written after the sense and mishap rules, so they were not used to write
# them; {disasters,attacks}3.txt after the last of them, and coded once: 2 of
# 10 disasters had an ASSAULT, one of them from a missed two-word mishap noun
# ("a heat wave"), which was then fixed; the other is a parse error).
#
#   scripts/disasters.sh [ANNALS_BINARY]     # ANNALS_CODE_FLAGS=--all etc.
set -euo pipefail
cd "$(dirname "$0")/.."
annals=${1:-annals}
for set in disasters attacks disasters2 attacks2 disasters3 attacks3; do
  grep -v '^#' "scripts/testdata/$set.txt" |
    python3 -c 'import json,sys
for i,l in enumerate(sys.stdin):
    l=l.strip()
    if l: print(json.dumps({"id": "s%d" % i, "text": l, "published": "2024-05-01"}))' |
    "$annals" code ${ANNALS_CODE_FLAGS:-} --input jsonl - |
    python3 -c 'import json,sys
n=int(sys.argv[2]); hit={json.loads(l)["doc_id"] for l in sys.stdin if json.loads(l)["event_type"]=="ASSAULT"}
print("%s: %d of %d snippets with an ASSAULT (%.0f%%)" % (sys.argv[1], len(hit), n, 100*len(hit)/n))' "$set" "$(grep -vc '^#' "scripts/testdata/$set.txt")"
done
