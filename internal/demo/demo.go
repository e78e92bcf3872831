// Package demo holds the demo corpus: ten short news-like texts on
// conflicts and diplomacy, written for annals to show what it does. They are
// illustrative, not news reports; dates and details are partly invented.
package demo

import (
	_ "embed"
)

// CorpusJSONL is the demo corpus as JSON lines, one document a line:
// {"id", "title", "published", "url", "text"}.
//
//go:embed corpus.jsonl
var CorpusJSONL []byte

// Name is the name under which the corpus is reported in errors and logs.
const Name = "demo/corpus.jsonl"
