#!/usr/bin/env bash
# Writes a JSON-lines corpus of generated news documents of about 1.3 KB
# each, for measuring ingest throughput (README, "Accuracy and speed"):
#
#   scripts/speedcorpus.sh 2000 > /tmp/speed2k.jsonl
#   annals ingest --db /tmp/speed2k.duckdb --progress none /tmp/speed2k.jsonl
#
# The sentences are built from phrases written for this script (officials,
# bodies and places, what they did, when, and background lines), mixed by a
# fixed seed, so the same count gives the same bytes (with the same awk).
set -euo pipefail
n=${1:-2000}
awk -v n="$n" 'BEGIN {
  srand(20261207)
  na = split("The interior ministry|A coalition of farmers\x27 unions|The central bank|Opposition lawmakers|The port authority|Striking teachers|A regional governor|The defence minister|Health officials|The state oil company|Police in the capital|A delegation of mayors|The prime minister\x27s office|Border guards|Rebel commanders|The electoral commission|Transport workers|The foreign minister|A group of retired officers|The supreme court", A, "|")
  np = split("Kenya|Chile|Vietnam|Morocco|Peru|Indonesia|Hungary|Nigeria|Colombia|Bangladesh|Tunisia|Ecuador|Ghana|Romania|the Philippines|Sri Lanka", P, "|")
  nv = split("announced a freeze on fuel prices after weeks of protests|accused the government of hiding the cost of the new airport|signed a deal with %P to share water from the river|rejected a request from %P to extradite two businessmen|called on %P to reopen the crossing for trucks|detained more than forty people during a march near the parliament|promised to raise wages for nurses by the end of the year|sent two planes with medicine and tents to %P|threatened to leave the talks unless the curfew was lifted|met envoys from %P to discuss fishing rights|criticised %P for closing its embassy without notice|agreed to release the prisoners held since the election|blocked the main highway for a third day|offered to mediate between the army and the protesters|warned %P that new tariffs would hurt both economies|praised %P for sending rescue teams after the floods", V, "|")
  nw = split("on Monday|on Tuesday|on Wednesday|late on Thursday|on Friday|over the weekend|last week|earlier this month|in March|on Sunday evening", W, "|")
  nb = split("The announcement came as inflation reached its highest level in a decade.|Dozens of shops stayed closed in the old town, and buses ran only on two routes.|A spokesman said the decision would be reviewed after the budget debate.|Critics said the plan did little for families in the poorer districts.|The talks, which began in the spring, have stalled twice since then.|Local radio reported that several roads were still blocked by trucks.|Neither side gave figures, but witnesses spoke of long queues at the border.|The measure still needs the approval of the senate, where the government lacks a majority.|Officials said they expected a reply within days.|Markets fell slightly after the statement, then recovered by the afternoon.|The union said it would hold another vote next week.|Aid groups said more than 12,000 people had left their homes.", B, "|")
  nq = split("We will not accept these conditions|This is a first step, not the end of the matter|Our members cannot wait any longer|The door to dialogue remains open|Nobody was told about this in advance", Q, "|")
  for (d = 0; d < n; d++) {
    text = ""
    while (length(text) < 1250) {
      a = A[int(rand() * na) + 1]; v = V[int(rand() * nv) + 1]; p = P[int(rand() * np) + 1]
      gsub(/%P/, p, v)
      s = a " in " P[int(rand() * np) + 1] " " v " " W[int(rand() * nw) + 1] "."
      if (rand() < 0.5) s = s " " B[int(rand() * nb) + 1]
      if (rand() < 0.25) { who = A[int(rand() * na) + 1]; s = s " \\\"" Q[int(rand() * nq) + 1] ",\\\" " tolower(substr(who, 1, 1)) substr(who, 2) " said." }
      text = text (text == "" ? "" : "\\n\\n") s
    }
    printf "{\"id\":\"speed%05d\",\"url\":\"https://news%d.example.org/item/%d\",\"title\":\"Item %d\",\"published\":\"2025-%02d-%02d\",\"text\":\"%s\"}\n", d, d % 5, d, d, 1 + d % 12, 1 + d % 28, text
  }
}'
