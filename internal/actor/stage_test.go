package actor

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"annals/internal/text"
)

// spaceDoc makes a document whose tokens are the space-separated words of
// s, in one sentence (the stage needs no more).
func spaceDoc(s, published string) *text.Document {
	d := text.New("t", s)
	d.Published = day(published)
	off := 0
	for _, w := range strings.Split(s, " ") {
		d.Tokens = append(d.Tokens, text.Token{Span: text.Span{Start: off, End: off + len(w)}, Head: text.NoToken})
		off += len(w) + 1
	}
	d.Sentences = []text.Sentence{{Span: text.Span{Start: 0, End: len(s)}, First: 0, End: text.TokenID(len(d.Tokens))}}
	d.Mark(text.LayerTokens | text.LayerSentences)
	return d
}

func TestStage(t *testing.T) {
	kb := kbWithPeople(t)
	tests := []struct {
		text, published string
		want            string // "text=code/via/entry" items
	}{
		{"Russian President Vladimir Putin met Ukrainian troops .", "2020-01-01",
			"Vladimir Putin=RUSGOV/name/putin; Ukrainian troops=UKRMIL/agent/UKR+military"},
		{"The Russian president spoke .", "2010-06-01", "Russian president=RUSGOV/description/medvedev"},
		{"The Russian president spoke .", "2020-06-01", "Russian president=RUSGOV/description/putin"},
		{"Soviet troops left Kabul .", "1988-05-15", "Soviet troops=SUNMIL/agent/SUN+military; Kabul=AFGGOV/metonym/AFG.gov"},
		{"Russia 's army advanced on Crimea .", "2014-03-01", "Russia 's army=RUSMIL/agent/RUS+military; Crimea=UKR/name/crimea"},
		{"Foreign Minister Lavrov and NATO officials met .", "2015-01-01", "Lavrov=RUSGOV/alias/lavrov; NATO officials=IGOWSTNATGOV/agent/nato+official"},
		{"Bush spoke .", "1990-01-01", "Bush=USAGOV/alias/bush-hw"},
		{"Bush spoke .", "2003-01-01", "Bush=USAGOV/alias/bush-w"},
	}
	for _, tt := range tests {
		d := spaceDoc(tt.text, tt.published)
		if err := NewStage(kb).Process(d); err != nil {
			t.Fatal(err)
		}
		if err := d.Check(); err != nil {
			t.Errorf("%q: %v", tt.text, err)
		}
		var got []string
		for _, m := range d.Mentions {
			got = append(got, d.Slice(m.Span)+"="+m.Actor.Code+"/"+m.Via+"/"+m.Entry)
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%q\n got %s\nwant %s", tt.text, g, tt.want)
		}
	}
}

func TestStageKeepsRecognizedMentions(t *testing.T) {
	kb := kbWithPeople(t)
	d := spaceDoc("Mr. Lavrov met Zorg Blatt in Moscow .", "2015-01-01")
	// an entity recognizer found "Mr. Lavrov" and "Zorg Blatt"
	d.Mentions = []text.Mention{
		{Span: text.Span{Start: 0, End: 10}, First: 0, End: 2, Head: 1, Label: "PER", Antecedent: text.NoMention},
		{Span: text.Span{Start: 15, End: 25}, First: 3, End: 5, Head: 4, Label: "PER", Antecedent: text.NoMention},
	}
	d.Mark(text.LayerMentions)
	if err := NewStage(kb).Process(d); err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range d.Mentions {
		got = append(got, d.Slice(m.Span)+"="+m.Actor.Code)
	}
	if g, w := strings.Join(got, "; "), "Mr. Lavrov=RUSGOV; Zorg Blatt=; Moscow=RUSGOV"; g != w {
		t.Errorf("got %s, want %s", g, w)
	}
}

// markedDoc makes a one-sentence document of space-separated words in
// which "[PER Chidi Okafor]" marks a span an entity recognizer found; it
// returns the document with those spans as unresolved mentions.
func markedDoc(t *testing.T, marked, published string) *text.Document {
	t.Helper()
	type span struct {
		first, end int
		label      string
	}
	var words []string
	var spans []span
	open := -1
	label := ""
	for _, w := range strings.Fields(marked) {
		if l, ok := strings.CutPrefix(w, "["); ok {
			open, label = len(words), l
			continue
		}
		if w == "]" {
			spans = append(spans, span{open, len(words), label})
			open = -1
			continue
		}
		words = append(words, w)
	}
	if open >= 0 {
		t.Fatalf("%q: unclosed span", marked)
	}
	d := spaceDoc(strings.Join(words, " "), published)
	for _, s := range spans {
		d.Mentions = append(d.Mentions, text.Mention{
			Span:  text.Span{Start: d.Tokens[s.first].Start, End: d.Tokens[s.end-1].End},
			First: text.TokenID(s.first), End: text.TokenID(s.end), Head: text.TokenID(s.end - 1),
			Label: text.MentionLabel(s.label), Antecedent: text.NoMention,
		})
	}
	d.Mark(text.LayerMentions)
	return d
}

// TestStageRecognizedMentions checks how the stage resolves the spans of
// an entity recognizer: people it does not know stay unresolved unless a
// title says who they work for.
func TestStageRecognizedMentions(t *testing.T) {
	kb := kbWithPeople(t)
	tests := []struct {
		marked, published string
		want              string // "text=code/via/entry/kind/label" items
	}{
		{"[PER Chidi Okafor ] spoke to reporters .", "2024-03-01", "Chidi Okafor=////PER; reporters=/agent/media/agent/AGENT"},
		{"Nigerian junior interior minister [PER Chidi Okafor ] arrived in [LOC Abuja ] .", "2024-03-01", "Chidi Okafor=NGAGOV/description//person/PER; Abuja=NGAGOV/metonym/NGA.gov/state/LOC"},
		{"Kenyan Vice-President [PER Moody Awori ] opened the talks .", "2004-03-01", "Moody Awori=KENGOV/description//person/PER"},
		{"[PER Chidi Okafor ] , Nigeria 's junior interior minister , said so .", "2024-03-01", "Chidi Okafor=NGAGOV/description//person/PER"},
		{"[PER Chidi Okafor ] , the Ghanaian envoy , said so .", "2024-03-01", "Chidi Okafor=GHAGOV/description//person/PER"},
		{"Ghana 's defence minister , [PER Ama Mensah ] , said so .", "2024-03-01", "Ama Mensah=GHAGOV/description//person/PER"},
		{"Ukrainian soldier [PER Ivan Kovalenko ] was captured .", "2024-03-01", "Ivan Kovalenko=UKRMIL/description//person/PER"},
		{"President [PER Chidi Okafor ] spoke .", "2024-03-01", "Chidi Okafor=/description//person/PER"},
		{"[PER President Chidi Okafor ] spoke .", "2024-03-01", "President Chidi Okafor=/description//person/PER"},
		{"The Russian president [PER Chidi Okafor ] spoke .", "2010-03-01", "Chidi Okafor=RUSGOV/description//person/PER"},
		{"He told Nigerian reporters [PER Chidi Okafor ] had left .", "2024-03-01", "Nigerian reporters=NGAMED/agent/NGA+media/agent/AGENT; Chidi Okafor=////PER"},
		// a modifier that is also an agent noun ("deputy") modifies a title after it
		{"The Kenyan deputy interior minister resigned .", "2024-03-01", "Kenyan deputy interior minister=KENGOV/agent/KEN+minister/agent/AGENT"},
		{"Chile 's deputy defence minister visited the base .", "2024-03-01", "Chile 's deputy defence minister=CHLGOV/agent/CHL+minister/agent/AGENT"},
		{"Peruvian deputy foreign minister [PER Rosa Quispe ] spoke .", "2024-03-01", "Rosa Quispe=PERGOV/description//person/PER"},
		{"A Peruvian deputy was detained .", "2024-03-01", "Peruvian deputy=PERCOP/agent/PER+phoenix:deputy/agent/AGENT"},
		{"The Taiwanese foreign ministry protested .", "2024-03-01", "Taiwanese foreign ministry=TWNGOV/agent/TWN+ministry/agent/AGENT"},
		{"[LOC Chile ] 's Vice Foreign Minister flew to [LOC Tokyo ] .", "2024-03-01", "Chile 's Vice Foreign Minister=CHLGOV/agent/CHL+minister/agent/AGENT; Tokyo=JPNGOV/metonym/JPN.gov/state/LOC"},
		{"The [LOC US ] ambassador to the [ORG UN ] spoke .", "2024-03-01", "US ambassador to the UN=USAGOV/agent/USA+diplomat/agent/AGENT"},
		{"[PER Sergei Lavrov ] met [ORG Blatt Holdings ] in Moscow .", "2015-01-01", "Sergei Lavrov=RUSGOV/name/lavrov/person/PER; Blatt Holdings=////ORG; Moscow=RUSGOV/metonym/RUS.gov/state/GPE"},
		{"[PER Foreign Minister Lavrov ] spoke .", "2015-01-01", "Foreign Minister Lavrov=RUSGOV/alias/lavrov/person/PER"},
		{"Russia vetoed in the [ORG UN Security Council ] .", "2015-01-01", "Russia=RUS/name/RUS/state/GPE; UN Security Council=IGOUNO/name/unsc/igo/ORG"},
		{"As the [ORG NYT ] explained , [ORG CIA ] officers lied .", "2015-01-01", "NYT=USAMED/alias/nyt/organization/ORG; CIA officers=USASPY/agent/cia+military/agent/AGENT"},
		{"Moscow 's troops and Kremlin officials left .", "2015-01-01", "Moscow 's troops=RUSMIL/agent/RUS.gov+military/agent/AGENT; Kremlin officials=RUSGOV/agent/RUS.gov+official/agent/AGENT"},
		{"Pentagon officials and [ORG CIA ] analysts met .", "2015-01-01", "Pentagon officials=USAMIL/agent/pentagon+official/agent/AGENT; CIA analysts=USASPY/agent/cia+analysts/agent/AGENT"},
	}
	for _, tt := range tests {
		d := markedDoc(t, tt.marked, tt.published)
		if err := NewStage(kb).Process(d); err != nil {
			t.Fatal(err)
		}
		if err := d.Check(); err != nil {
			t.Errorf("%q: %v", tt.marked, err)
		}
		var got []string
		for _, m := range d.Mentions {
			got = append(got, d.Slice(m.Span)+"="+strings.Join([]string{m.Actor.Code, m.Via, m.Entry, string(m.Actor.Kind), string(m.Label)}, "/"))
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%q\n got %s\nwant %s", tt.marked, g, tt.want)
		}
	}
}

// TestStageTitledName checks that a person coded from a title keeps the
// name of the mention, not the title's.
func TestStageTitledName(t *testing.T) {
	d := markedDoc(t, "Kenyan Vice-President [PER Moody Awori ] spoke .", "2004-03-01")
	if err := NewStage(kbWithPeople(t)).Process(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Mentions) != 1 {
		t.Fatalf("%d mentions, want 1", len(d.Mentions))
	}
	if a := d.Mentions[0].Actor; a.Name != "Moody Awori" || a.Country != "KEN" || strings.Join(a.Sector, ",") != "GOV" {
		t.Errorf("actor %+v", a)
	}
}

// TestDescriptionTitles checks descriptions that name an office by one of
// the titles of data/titles.tsv against the built-in people: the holder
// found must hold that office, in that country, on that date.
func TestDescriptionTitles(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		words, date, code, title string
	}{
		{"the Russian spy chief", "2020-06-01", "RUSSPY", "intelligence chief"},
		{"the Russian intelligence chief", "2005-06-01", "RUSSPY", "intelligence chief"},
		{"the Saudi crown prince", "2024-06-01", "SAUGOV", "crown prince"},
		{"the Qatari emir", "2024-06-01", "QATGOV", "emir"},
		{"the US ambassador to the UN", "2024-06-01", "USAGOV", "ambassador to the un"},
		{"the US ambassador to the United Nations", "2024-06-01", "USAGOV", "ambassador to the un"},
		{"the Russian chief of the general staff", "2015-06-01", "RUSMIL", "chief of the general staff"},
		{"the Ukrainian commander-in-chief", "2024-06-01", "UKRMIL", "commander in chief"},
		{"the US director of national intelligence", "2024-06-01", "USASPY", "director of national intelligence"},
		{"the US chairman of the Joint Chiefs of Staff", "2024-06-01", "USAMIL", "chairman of the joint chiefs of staff"},
		{"the Russian chief of staff", "2020-06-01", "RUSGOV", "chief of staff"},
		{"the Ukrainian secretary of the Security Council", "2024-06-01", "UKRGOV", "secretary of the security council"},
		{"the Iranian Speaker", "2024-06-01", "IRNGOV", "speaker"},
		{"the Russian acting president", "2000-03-01", "RUSGOV", "president"},
		{"the Russian president", "2000-03-01", "RUSGOV", "president"},
		{"the Russian president", "2006-06-01", "RUSGOV", "president"},
		{"the Iraqi regional president", "2010-06-01", "IRQGOV", "regional president"},
		{"Russia 's top diplomat", "2010-06-01", "RUSGOV", "foreign minister"},
	}
	for _, tt := range tests {
		date := day(tt.date)
		f := kb.Find(strings.Fields(tt.words), date)
		if len(f) != 1 || f[0].Via != "description" {
			t.Errorf("%q on %s: found %+v, want one description", tt.words, tt.date, f)
			continue
		}
		if a := kb.Resolve(f[0].Entry, date); a.Code != tt.code {
			t.Errorf("%q on %s: %s codes %s, want %s", tt.words, tt.date, f[0].Entry, a.Code, tt.code)
		}
		if !holds(kb, f[0].Entry, tt.code, tt.title, date) {
			e, _ := kb.Entry(f[0].Entry)
			t.Errorf("%q on %s: %s (roles %+v) is no %s %s then", tt.words, tt.date, f[0].Entry, e.Roles, tt.code, tt.title)
		}
	}
	// A head of a region is not the country's president, and an
	// indefinite description names no one.
	for _, tt := range []struct{ words, date string }{
		{"a Russian diplomat", "2020-06-01"},
		{"a Russian foreign minister", "2020-06-01"},
		{"the Russian speakers", "2020-06-01"},
	} {
		for _, f := range kb.Find(strings.Fields(tt.words), day(tt.date)) {
			if f.Via == "description" {
				t.Errorf("%q: description %s", tt.words, f.Entry)
			}
		}
	}
	for _, tt := range []struct{ date, want string }{
		{"1999-12-31", "putin"}, {"2004-01-01", "putin"}, {"2008-05-06", "putin"}, {"2008-05-07", "medvedev"}, {"2025-06-01", "putin"},
	} {
		f := kb.Find(strings.Fields("the Russian president"), day(tt.date))
		if len(f) != 1 || f[0].Entry != tt.want {
			t.Errorf("the Russian president on %s: %+v, want %s", tt.date, f, tt.want)
		}
	}
}

// holds reports whether person id has a role with code and title (after
// synonyms) in force at date.
func holds(kb *KB, id, code, title string, date time.Time) bool {
	e, ok := kb.Entry(id)
	if !ok {
		return false
	}
	for _, r := range e.Roles {
		if r.Code == code && kb.title(r.Title) == title && r.Period.Covers(date) {
			return true
		}
	}
	return false
}

// TestStageConcurrent runs one stage over many documents at once on a
// knowledge base whose match index is built by the first of them.
func TestStageConcurrent(t *testing.T) {
	kb, err := tablesKB([]string{"titles.tsv", "modifiers.tsv", "countries.tsv", "agents.tsv"})
	if err != nil {
		t.Fatal(err)
	}
	s := NewStage(kb)
	want := ""
	for i := range 8 {
		d := spaceDoc("Russian troops and Ukrainian police met in Kyiv .", "2024-01-01")
		if err := s.Process(d); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			want = fmt.Sprint(d.Mentions)
		}
	}
	kb.Add(&Entry{ID: "zedland", Kind: KindPlace, Name: "Zedland", Code: "NOR", Country: "NOR"}) // the index is stale again
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := spaceDoc("Russian troops and Ukrainian police met in Kyiv .", "2024-01-01")
			if err := s.Process(d); err != nil {
				errs <- err.Error()
				return
			}
			if got := fmt.Sprint(d.Mentions); got != want {
				errs <- got
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent run: %s, want %s", e, want)
	}
}
