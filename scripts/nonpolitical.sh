#!/usr/bin/env bash
# Events per 100 sentences that annals codes on non-political news: GUM's
# news documents about science, technology, culture, sport and accidents
# (none of them reports a political event a careful coder would code), read
# from ../shared/data/gum/dep. Every event counted here is a false positive.
#
#   scripts/nonpolitical.sh [ANNALS_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
annals=${1:-annals}
gum=${ANNALS_SHARED:-../shared}/data/gum/dep
docs="crane expo homeopathic ie9 iodine lanterns nasa sensitive soccer stampede warhol warming"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sentences=0
for d in $docs; do
  f="$gum/GUM_news_$d.conllu"
  [ -f "$f" ] || { echo "missing $f (is ../shared there?)" >&2; exit 2; }
  n=$(grep -c '^# text = ' "$f")
  sentences=$((sentences + n))
  grep '^# text = ' "$f" | sed 's/^# text = //' |
    python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "text": "\n".join(l.rstrip("\n") for l in sys.stdin), "published": "2015-06-01"}))' "$d" >> "$tmp/docs.jsonl"
done
"$annals" code ${ANNALS_CODE_FLAGS:-} --input jsonl "$tmp/docs.jsonl" > "$tmp/events.jsonl"
events=$(wc -l < "$tmp/events.jsonl")
echo "non-political GUM news: $events events in $sentences sentences: $(python3 -c "print(f'{100*$events/$sentences:.1f}')") per 100 sentences"
python3 -c '
import json,sys
for l in open(sys.argv[1]):
    e=json.loads(l)
    src="+".join(a["actor"]["code"] or "?" for a in e["source"]); tgt="+".join(a["actor"]["code"] or "?" for a in e["target"])
    print("  %-10s %-9s %s -> %s  [%s]" % (e["doc_id"], e["event_type"], src, tgt, e["trigger"]["text"]))
' "$tmp/events.jsonl"
