package segment

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"annals/internal/pipeline"
	"annals/internal/text"
)

// segment runs the stage on src and checks the document's invariants.
func segment(t *testing.T, src string) *text.Document {
	t.Helper()
	doc := text.New("t", src)
	if err := New().Process(doc); err != nil {
		t.Fatalf("Process(%q): %v", src, err)
	}
	if err := doc.Check(); err != nil {
		t.Fatalf("Process(%q): Check: %v", src, err)
	}
	if got := doc.Rebuild(); got != src {
		t.Fatalf("Process(%q): Rebuild gives %q", src, got)
	}
	return doc
}

func tokenTexts(doc *text.Document) []string {
	out := make([]string, len(doc.Tokens))
	for i := range doc.Tokens {
		out[i] = doc.TokenText(text.TokenID(i))
	}
	return out
}

func sentenceTexts(doc *text.Document) []string {
	out := make([]string, len(doc.Sentences))
	for i := range doc.Sentences {
		out[i] = doc.SentenceText(text.SentenceID(i))
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTables(t *testing.T) {
	if _, err := loadTables(); err != nil {
		t.Fatal(err)
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Mr. Smith left.", []string{"Mr.", "Smith", "left", "."}},
		{"The U.S. and the U.K. agreed.", []string{"The", "U.S.", "and", "the", "U.K.", "agreed", "."}},
		{"Gen. Ortiz met Dr. Lee on St. Mark's Square.", []string{"Gen.", "Ortiz", "met", "Dr.", "Lee", "on", "St.", "Mark", "'s", "Square", "."}},
		{"On Feb. 24, 2022, troops crossed.", []string{"On", "Feb.", "24", ",", "2022", ",", "troops", "crossed", "."}},
		{"Acme Inc. and Bolt Corp. merged, etc.", []string{"Acme", "Inc.", "and", "Bolt", "Corp.", "merged", ",", "etc", "."}},
		{"They flew to the U.S. Then they left.", []string{"They", "flew", "to", "the", "U.S", ".", "Then", "they", "left", "."}},
		{"U.S. officials (and U.K. ones, etc.) met.", []string{"U.S.", "officials", "(", "and", "U.K.", "ones", ",", "etc.", ")", "met", "."}},
		{"J. R. R. Tolkien wrote it.", []string{"J.", "R.", "R.", "Tolkien", "wrote", "it", "."}},
		{"George W. Bush spoke.", []string{"George", "W.", "Bush", "spoke", "."}},
		{"Zelensky's threats", []string{"Zelensky", "'s", "threats"}},
		{"Zelensky’s threats", []string{"Zelensky", "’s", "threats"}},
		{"I don't know, they won't say and we can't ask.", []string{"I", "do", "n't", "know", ",", "they", "wo", "n't", "say", "and", "we", "ca", "n't", "ask", "."}},
		{"We're sure they'll come; I'm told you've seen it and he'd agree.", []string{"We", "'re", "sure", "they", "'ll", "come", ";", "I", "'m", "told", "you", "'ve", "seen", "it", "and", "he", "'d", "agree", "."}},
		{"I cannot go, I dont know.", []string{"I", "can", "not", "go", ",", "I", "do", "nt", "know", "."}},
		{"the soldiers' families", []string{"the", "soldiers", "'", "families"}},
		{"O'Brien and rock'n'roll", []string{"O'Brien", "and", "rock'n'roll"}},
		{"He said \"no\" and left.", []string{"He", "said", "\"", "no", "\"", "and", "left", "."}},
		{"He said “no” and ‘maybe’.", []string{"He", "said", "“", "no", "”", "and", "‘", "maybe", "’", "."}},
		{"a pre-war co-founder of the search-engine firm", []string{"a", "pre-war", "co-founder", "of", "the", "search", "-", "engine", "firm"}},
		{"Sen. Ann Lee (D-Ill.) wore a T-shirt", []string{"Sen.", "Ann", "Lee", "(", "D", "-", "Ill.", ")", "wore", "a", "T-shirt"}},
		{"an e-mail to the anti-war group", []string{"an", "e-mail", "to", "the", "anti-war", "group"}},
		{"Kyiv—not Moscow—decided", []string{"Kyiv", "—", "not", "Moscow", "—", "decided"}},
		{"in 1990–1991 and 2000 - 2001", []string{"in", "1990", "–", "1991", "and", "2000", "-", "2001"}},
		{"from 1969-1970 on", []string{"from", "1969", "-", "1970", "on"}},
		{"It cost $1,000,000 or 3.5% more.", []string{"It", "cost", "$", "1,000,000", "or", "3.5", "%", "more", "."}},
		{"open 24/7 since 2022-02-24 at 10:30", []string{"open", "24/7", "since", "2022-02-24", "at", "10:30"}},
		{"call 713-853-3989 now", []string{"call", "713-853-3989", "now"}},
		{"and/or the F-16 jets", []string{"and", "/", "or", "the", "F", "-", "16", "jets"}},
		{"at 5pm or 11:30am, 65k and 2.5kg", []string{"at", "5", "pm", "or", "11:30", "am", ",", "65", "k", "and", "2.5", "kg"}},
		{"the 1st and 90s", []string{"the", "1st", "and", "90s"}},
		{"in the mid-1980s, see <<draft-v2_final.doc>> or (notes.TXT).", []string{"in", "the", "mid-1980s", ",", "see", "<<", "draft-v2_final.doc", ">>", "or", "(", "notes.TXT", ")", "."}},
		{"Tweets by @POTUS tagged #StandWithKyiv, #1 and a @ sign.", []string{"Tweets", "by", "@POTUS", "tagged", "#StandWithKyiv", ",", "#", "1", "and", "a", "@", "sign", "."}},
		{"Houston, TX 77042-2016 or 49-53", []string{"Houston", ",", "TX", "77042-2016", "or", "49", "-", "53"}},
		{"‘’It was,’’ he said.", []string{"‘’", "It", "was", ",", "’’", "he", "said", "."}},
		{"the 'high weirdness' of 'Onward Christian Soldiers'.", []string{"the", "'", "high", "weirdness", "'", "of", "'", "Onward", "Christian", "Soldiers", "'", "."}},
		{"Really?! Yes!. No.?", []string{"Really", "?!", "Yes", "!.", "No", ".?"}},
		{"See https://example.org/a_b?x=1. Or www.example.com, or mail ana.ruiz@example.org.", []string{"See", "https://example.org/a_b?x=1", ".", "Or", "www.example.com", ",", "or", "mail", "ana.ruiz@example.org", "."}},
		{"(see http://example.org/wiki/Kyiv_(city))", []string{"(", "see", "http://example.org/wiki/Kyiv_(city)", ")"}},
		{"Wait... what… really?!", []string{"Wait", "...", "what", "…", "really", "?!"}},
		{"(See below.) Next.", []string{"(", "See", "below", ".", ")", "Next", "."}},
		{"in the '90s and '72", []string{"in", "the", "'90s", "and", "'72"}},
		{"AT&T and R&D, rock&roll", []string{"AT&T", "and", "R&D", ",", "rock", "&", "roll"}},
		{"No. 5 and no. Then", []string{"No.", "5", "and", "no", ".", "Then"}},
		{"Ph.D. students, e.g. Ana, i.e. one", []string{"Ph.D.", "students", ",", "e.g.", "Ana", ",", "i.e.", "one"}},
		{"Путин сказал: «нет».", []string{"Путин", "сказал", ":", "«", "нет", "»", "."}},
		{"Erdoğan and Zelenskyy", []string{"Erdoğan", "and", "Zelenskyy"}},
		{"Cafe\u0301 Ukrain\u00adian", []string{"Cafe\u0301", "Ukrain\u00adian"}},
		{"Kyiv 🇺🇦 stands ❤️👍🏽!", []string{"Kyiv", "🇺🇦", "stands", "❤️", "👍🏽", "!"}},
		{"  \n ", []string{}},
		{"", []string{}},
	}
	for _, tc := range tests {
		doc := segment(t, tc.in)
		if got := tokenTexts(doc); !equal(got, tc.want) {
			t.Errorf("tokens of %q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"He left. She stayed.", []string{"He left.", "She stayed."}},
		{"\"He left.\" She stayed.", []string{"\"He left.\"", "She stayed."}},
		{"“He left.” She stayed.", []string{"“He left.”", "She stayed."}},
		{"(See below.) Next.", []string{"(See below.)", "Next."}},
		{"Why? Because. Really!", []string{"Why?", "Because.", "Really!"}},
		{"\"Why?\" he asked.", []string{"\"Why?\" he asked."}},
		{"Mr. Smith met Gen. Ortiz in the U.S. Army base.", []string{"Mr. Smith met Gen. Ortiz in the U.S. Army base."}},
		{"He works for Acme Inc. The firm grew.", []string{"He works for Acme Inc.", "The firm grew."}},
		{"He works for Acme Inc. Tom does not.", []string{"He works for Acme Inc. Tom does not."}},
		{"I saw them at 5 p.m. and left.", []string{"I saw them at 5 p.m. and left."}},
		{"They sold cars, vans, etc. But not bikes.", []string{"They sold cars, vans, etc.", "But not bikes."}},
		{"George W. Bush spoke.", []string{"George W. Bush spoke."}},
		{"Troops left in 2014. 2015 was calm.", []string{"Troops left in 2014.", "2015 was calm."}},
		{"It was quiet... Then it began.", []string{"It was quiet...", "Then it began."}},
		{"It was quiet... and then it began.", []string{"It was quiet... and then it began."}},
		{"Russia Claims Crimea\nMoscow moved troops on Thursday.", []string{"Russia Claims Crimea", "Moscow moved troops on Thursday."}},
		{"First paragraph without a stop\n\nsecond one", []string{"First paragraph without a stop", "second one"}},
		{"a line that wraps\nin the middle.", []string{"a line that wraps\nin the middle."}},
		{"Talks ended,\nOfficials said.", []string{"Talks ended,\nOfficials said."}},
		{"Talks in Geneva\n\nThe ministers of both countries met with\nPresident Aliyev and agreed to continue\ntalks in January, officials said on\nTuesday evening.\nNo date was set.", []string{"Talks in Geneva", "The ministers of both countries met with\nPresident Aliyev and agreed to continue\ntalks in January, officials said on\nTuesday evening.", "No date was set."}},
		{"Points:\n- one\n- two", []string{"Points:\n- one", "- two"}},
		{"He met Mr.\nSmith.", []string{"He met Mr.\nSmith."}},
		{"He was born in 1788.[1] He left in 1805. [6] Then he wrote (see p. 12) e.g. The Corsair.", []string{"He was born in 1788.[1]", "He left in 1805. [6]", "Then he wrote (see p. 12) e.g. The Corsair."}},
		{"It ended. ... Then it began. (\"Why?\" he asked.) Done. ===== Next", []string{"It ended.", "... Then it began.", "(\"Why?\" he asked.)", "Done.", "===== Next"}},
		{"Cheers, Ana\n\nP.S. I moved.", []string{"Cheers, Ana", "P.S. I moved."}},
		{"Two changes. 1. Delete it. 2. Sign it.", []string{"Two changes.", "1. Delete it.", "2. Sign it."}},
		{"looks fine to me Please call", []string{"looks fine to me", "Please call"}},
		{"a note to Please readers", []string{"a note to Please readers"}},
		{"Kay Mann 04/26/2001 07:17 AM Will you send it? It was sent on 04/25/01 12:42 PM Ana, see below.", []string{"Kay Mann", "04/26/2001 07:17 AM", "Will you send it?", "It was sent on 04/25/01 12:42 PM", "Ana, see below."}},
		{"He said: \"We won.\" Then he left.", []string{"He said: \"We won.\"", "Then he left."}},
		{"end. \"Next one,\" she said.", []string{"end.", "\"Next one,\" she said."}},
	}
	for _, tc := range tests {
		doc := segment(t, tc.in)
		if got := sentenceTexts(doc); !equal(got, tc.want) {
			t.Errorf("sentences of %q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestPiecesAttached(t *testing.T) {
	src := "Zelensky's aides don't agree."
	var got []string
	for _, p := range New().Pieces(src) {
		s := src[p.Start:p.End]
		if p.Attached {
			s = "+" + s
		}
		got = append(got, s)
	}
	want := []string{"Zelensky", "+'s", "aides", "do", "+n't", "agree", "."}
	if !equal(got, want) {
		t.Errorf("pieces of %q: got %q, want %q", src, got, want)
	}
}

func TestSpans(t *testing.T) {
	src := "Mr. Li’s café—closed.\n\nNext"
	got := New().Tokens(src)
	want := []text.Span{{Start: 0, End: 3}, {Start: 4, End: 6}, {Start: 6, End: 10}, {Start: 11, End: 16}, {Start: 16, End: 19}, {Start: 19, End: 25}, {Start: 25, End: 26}, {Start: 28, End: 32}}
	if len(got) != len(want) {
		t.Fatalf("Tokens(%q) = %v, want %v", src, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Tokens(%q)[%d] = %v %q, want %v", src, i, got[i], src[got[i].Start:got[i].End], want[i])
		}
	}
	sents := New().Sentences(src)
	if len(sents) != 2 || sents[0] != (text.Span{Start: 0, End: 26}) || sents[1] != (text.Span{Start: 28, End: 32}) {
		t.Errorf("Sentences(%q) = %v", src, sents)
	}
}

func TestStage(t *testing.T) {
	p, err := pipeline.New(New())
	if err != nil {
		t.Fatal(err)
	}
	doc := text.New("d", "One. Two.")
	if err := p.Process(doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Has(text.LayerTokens|text.LayerSentences) || len(doc.Sentences) != 2 || len(doc.Tokens) != 4 {
		t.Errorf("pipeline run: layers %v, %d sentences, %d tokens", doc.Layers(), len(doc.Sentences), len(doc.Tokens))
	}
	// Re-running replaces the layers.
	if err := p.Process(doc); err != nil || len(doc.Tokens) != 4 || doc.Check() != nil {
		t.Errorf("second run: %v, %d tokens, %v", err, len(doc.Tokens), doc.Check())
	}
}

func TestInvalidUTF8(t *testing.T) {
	for _, src := range []string{"\x80abc", "ab\x80 \x80cd.", "\xff\xfe", "a \xe2\x80 b", "Mr.\xc3", "\x80", " \x80 x"} {
		segment(t, src)
	}
}

// TestLongInputs checks that long runs of one pattern take linear time.
func TestLongInputs(t *testing.T) {
	seg := New()
	for _, unit := range []string{
		")", "(", ":)", "a-", "a.", "'", "‘’", "x@", "@a", "#a ", "http://x.org/" + strings.Repeat(")", 10), ".doc",
		"a\n", "A\n\n", "Mr. ", "U.S.", "1,0", "don't", "www.", "-", "\x80", "🇺",
	} {
		src := strings.Repeat(unit, 200_000/len(unit))
		start := time.Now()
		doc := text.New("long", src)
		if err := seg.Process(doc); err != nil {
			t.Fatal(err)
		}
		if err := doc.Check(); err != nil {
			t.Errorf("%q repeated: %v", unit, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%q repeated to %d bytes took %v", unit, len(src), d)
		}
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"Mr. Smith left.", "Zelensky's aides don't agree.", "“He left.” She stayed.",
		"See https://example.org/a_(b). Or x@y.org.", "1,000,000 3.5 24/7 2022-02-24",
		"Headline\nBody text.\n\nNext", "\x80abc", "'90s -- ... …", "(See below.) Next.",
	} {
		f.Add(s)
	}
	seg := New()
	f.Fuzz(func(t *testing.T, src string) {
		doc := text.New("f", src)
		if err := seg.Process(doc); err != nil {
			t.Fatal(err)
		}
		if err := doc.Check(); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		// Every non-space byte is inside a token.
		in := make([]bool, len(src))
		for _, tok := range doc.Tokens {
			for i := tok.Start; i < tok.End; i++ {
				in[i] = true
			}
		}
		for i := 0; i < len(src); {
			r, w := utf8.DecodeRuneInString(src[i:])
			if !in[i] && !(unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff') {
				t.Fatalf("%q: byte %d (%q) is in no token", src, i, src[i:i+w])
			}
			i += w
		}
		if len(doc.Tokens) > 0 && len(doc.Sentences) == 0 {
			t.Fatalf("%q: tokens but no sentence", src)
		}
		if strings.TrimSpace(src) == "" && len(doc.Tokens) > 0 {
			t.Fatalf("%q: tokens in blank text", src)
		}
	})
}

func BenchmarkSegment(b *testing.B) {
	data, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	// About 100 KB: the sample repeated.
	src := strings.Repeat(string(data)+"\n\n", 100_000/len(data)+1)
	seg := New()
	tokens := len(seg.Pieces(src))
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for range b.N {
		doc := text.New("bench", src)
		if err := seg.Process(doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
