// Package limits names, in one place, the bounds that every input path of
// annals applies: files, HTML pages, JSON lines, feeds and web archives read
// by ingest, text given to code, sentences made by the segmenter and events
// coded in a sentence. With them, memory and time grow linearly with the
// input, whatever it holds: input over a bound is reported (or, for an
// over-long sentence, split) rather than read without end.
//
// A zero field means "the default"; Limits.Or fills them in.
package limits

// Limits are the bounds of one run.
type Limits struct {
	// DocumentBytes bounds one document: a text or HTML file, the text of a
	// JSON line, a feed file, a WARC response. A larger one is an error for
	// that document; the batch goes on.
	DocumentBytes int64
	// HeaderLine bounds one header line of a WARC record or of the HTTP
	// message inside it; HeaderBytes bounds all of a record's header lines.
	HeaderLine  int
	HeaderBytes int
	// HTMLElements bounds the elements of one HTML page given to the
	// boilerplate remover; a page with more is read by a plain walk of
	// its block elements, which is linear in its size.
	HTMLElements int
	// SentenceTokens bounds the tokens of one sentence: a longer run of
	// text without a sentence end is split into pieces of at most this
	// many tokens (and the split is reported).
	SentenceTokens int
	// SentenceEvents bounds the events coded in one sentence; the rest are
	// dropped (and reported).
	SentenceEvents int
	// CutSentenceEvents bounds the events coded in a piece of a run of
	// text without sentence ends that was cut at SentenceTokens: such a
	// run (a flattened table, text stripped of its punctuation) is not
	// prose, its parse is poor, and every event carries its piece's text,
	// so it is held to fewer events than a sentence.
	CutSentenceEvents int
}

// The defaults.
const (
	DocumentBytes  = 32 << 20
	HeaderLine     = 64 << 10
	HeaderBytes    = 256 << 10
	HTMLElements   = 100_000
	SentenceTokens = 200
	SentenceEvents = 32
	// CutSentenceEvents: a quarter of SentenceEvents.
	CutSentenceEvents = 8
)

// Default returns the default limits.
func Default() Limits {
	return Limits{
		DocumentBytes:  DocumentBytes,
		HeaderLine:     HeaderLine,
		HeaderBytes:    HeaderBytes,
		HTMLElements:   HTMLElements,
		SentenceTokens: SentenceTokens,
		SentenceEvents: SentenceEvents,

		CutSentenceEvents: CutSentenceEvents,
	}
}

// Or returns l with every zero or negative field set to the default.
func (l Limits) Or() Limits {
	d := Default()
	if l.DocumentBytes <= 0 {
		l.DocumentBytes = d.DocumentBytes
	}
	if l.HeaderLine <= 0 {
		l.HeaderLine = d.HeaderLine
	}
	if l.HeaderBytes <= 0 {
		l.HeaderBytes = d.HeaderBytes
	}
	if l.HTMLElements <= 0 {
		l.HTMLElements = d.HTMLElements
	}
	if l.SentenceTokens <= 0 {
		l.SentenceTokens = d.SentenceTokens
	}
	if l.SentenceEvents <= 0 {
		l.SentenceEvents = d.SentenceEvents
	}
	if l.CutSentenceEvents <= 0 {
		l.CutSentenceEvents = d.CutSentenceEvents
	}
	return l
}
