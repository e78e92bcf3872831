package actor

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	testOnce sync.Once
	testKB   *KB
	testErr  error
)

// kbWithPeople is the built-in knowledge base plus testdata/people.tsv.
func kbWithPeople(t *testing.T) *KB {
	t.Helper()
	testOnce.Do(func() {
		// The built-in tables without the built-in people, whose content
		// changes: the test people stand in for them.
		var names []string
		for _, n := range builtin {
			if n != "people.tsv" {
				names = append(names, n)
			}
		}
		testKB, testErr = tablesKB(names)
		if testErr == nil {
			testErr = testKB.ReadFile("testdata/people.tsv", mustOpen("testdata/people.tsv"))
		}
	})
	if testErr != nil {
		t.Fatalf("Load: %v", testErr)
	}
	return testKB
}

func mustOpen(p string) *os.File {
	f, err := os.Open(p)
	if err != nil {
		panic(err)
	}
	return f
}

func day(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDefaultLoads(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	for _, k := range []Kind{KindState, KindIGO, KindOrganization, KindGroup, KindPlace, KindAgent} {
		if kb.Count(k) == 0 {
			t.Errorf("no entries of kind %s", k)
		}
	}
	// Every sovereign state a coder meets must be there.
	for _, code := range []string{"USA", "RUS", "UKR", "CHN", "GBR", "FRA", "DEU", "ISR", "PSE", "IRN", "IRQ", "SYR", "AFG", "SUN", "YUG", "CSK", "DDR", "XKX", "SSD"} {
		if e, ok := kb.Entry(code); !ok || e.Kind != KindState {
			t.Errorf("state %s missing", code)
		}
	}
	if n := kb.Count(KindState); n < 240 {
		t.Errorf("%d states and seats, want at least 240", n)
	}
}

func TestKindViaNames(t *testing.T) {
	for k := KindNone + 1; k < numKind; k++ {
		if got, err := ParseKind(k.String()); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, err)
		}
	}
	for v := ViaNone + 1; v < numVia; v++ {
		if got, err := ParseVia(v.String()); err != nil || got != v {
			t.Errorf("ParseVia(%q) = %v, %v", v.String(), got, err)
		}
	}
	if _, err := ParseKind("planet"); err == nil {
		t.Error("ParseKind accepted an unknown kind")
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in, want string
		bad      bool
	}{
		{"", "", false},
		{"2000..2008", "2000-01-01..2008-12-31", false},
		{"2000-05-07..2008-05-07", "2000-05-07..2008-05-07", false},
		{"2012-05..", "2012-05-01..", false},
		{"..1991-12-26", "..1991-12-26", false},
		{"2004-02", "2004-02-01..", false},
		{"2008..2000", "", true},
		{"2008-13..", "", true},
		{"2008-02-30..", "", true},
		{"08-02-03..", "", true},
		{"soon..", "", true},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("ParsePeriod(%q) error %v, want error %v", tt.in, err, tt.bad)
			continue
		}
		if !tt.bad && p.String() != tt.want {
			t.Errorf("ParsePeriod(%q) = %q, want %q", tt.in, p.String(), tt.want)
		}
	}
}

// matches renders MatchAll's result as "first-end:entry/via" items.
func matches(kb *KB, words []string) string {
	var out []string
	for _, m := range kb.MatchAll(words) {
		s := strings.Join([]string{itoa(m.First) + "-" + itoa(m.End), m.Entry, m.Via.String()}, ":")
		if m.Possessive {
			s += ":poss"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+i/10%10)) + string(rune('0'+i%10)))
}

func TestMatchAll(t *testing.T) {
	kb := kbWithPeople(t)
	tests := []struct {
		words string // space-separated tokens
		want  string
	}{
		{"The US and Russia signed", "01-02:USA:alias 03-04:RUS:name"},
		{"Let us go", ""},
		{"We ate turkey in Turkey", "04-05:TUR:name"},
		{"the Kremlin said", "00-02:RUS.gov:metonym"},
		{"The Kremlin said", "00-02:RUS.gov:metonym"},
		{"Russia 's army", "00-01:RUS:name 02-03:military:agent"},
		{"Russia's army", "00-01:RUS:name:poss 01-02:military:agent"},
		{"Russia’s troops", "00-01:RUS:name:poss 01-02:military:agent"},
		{"the Ukrainian military", "01-02:UKR:demonym 02-03:military:agent"},
		{"al - Qaeda fighters", "00-03:alqaeda:name 03-04:rebels:agent"},
		{"al-Qaeda", "00-01:alqaeda:name"},
		{"U.S. officials", "00-01:USA:alias 01-02:official:agent"},
		{"U.S . officials", "00-01:USA:alias 02-03:official:agent"},
		{"Kiev or Kyiv", "00-01:UKR.gov:metonym 02-03:UKR.gov:metonym"},
		{"claiming Crimea", "01-02:crimea:name"},
		{"the White House announced", "00-03:USA.gov:metonym"},
		{"the State Department", "00-03:state-department:metonym"},
		{"a state department", "01-03:ministry:agent"},
		{"Putin met Medvedev", "00-01:putin:alias 02-03:medvedev:alias"},
		{"Vladimir Putin", "00-02:putin:name"},
		{"UNITED STATES", "00-02:USA:name"},
		{"Soviet troops", "00-01:SUN:demonym 01-02:military:agent"},
		{"the European Union and NATO", "00-03:eu:alias 04-05:nato:name"},
		{"Troops", "00-01:military:agent"},
		{"who said", ""},
		{"the WHO said", "01-02:who:alias"},
		{"South Sudanese", "00-02:SSD:demonym"},
		{"Ukrainians' anger", "00-01:UKR:demonym:poss"},
		{"vetoed in the UN Security Council", "03-06:unsc:name"},
		{"the UN said", "00-02:un:alias"},
		{"the CIA and Russian intelligence", "00-02:cia:metonym 03-04:RUS:demonym 04-05:intelligence:agent"},
		{"the New York Times reported", "00-04:nyt:alias"},
	}
	for _, tt := range tests {
		got := matches(kb, strings.Fields(tt.words))
		if got != tt.want {
			t.Errorf("MatchAll(%q)\n got %q\nwant %q", tt.words, got, tt.want)
		}
	}
}

func TestMatchAtBounds(t *testing.T) {
	kb := kbWithPeople(t)
	for _, i := range []int{-1, 0, 5} {
		if _, ok := kb.MatchAt(nil, i); ok {
			t.Errorf("MatchAt(nil, %d) found a match", i)
		}
	}
	if _, ok := kb.MatchAt([]string{".", "'s"}, 0); ok {
		t.Error("matched punctuation")
	}
}

func TestResolve(t *testing.T) {
	kb := kbWithPeople(t)
	tests := []struct {
		id, date, code, country string
	}{
		{"putin", "1995-06-01", "RUSELI", "RUS"}, // before any role: elite
		{"putin", "1999-10-01", "RUSGOV", "RUS"},
		{"putin", "2005-06-01", "RUSGOV", "RUS"},
		{"putin", "2010-06-01", "RUSGOV", "RUS"},
		{"putin", "", "RUSGOV", "RUS"},
		{"medvedev", "2005-06-01", "RUSELI", "RUS"},
		{"medvedev", "2010-06-01", "RUSGOV", "RUS"},
		{"medvedev", "2015-06-01", "RUSGOV", "RUS"},
		{"lavrov", "2000-01-01", "IGOUNO", ""},
		{"lavrov", "2010-01-01", "RUSGOV", "RUS"},
		{"SUN", "1985-01-01", "SUN", "SUN"},
		{"SUN", "1995-01-01", "RUS", "RUS"},
		{"SUN", "", "SUN", "SUN"},
		{"RUS", "1995-01-01", "RUS", "RUS"},
		{"YUG", "1995-01-01", "YUG", "YUG"},
		{"YUG", "2005-01-01", "SCG", "SCG"},
		{"YUG", "2010-01-01", "SRB", "SRB"},
		{"DDR", "1995-01-01", "DEU", "DEU"},
		{"RUS.gov", "2020-01-01", "RUSGOV", "RUS"},
		{"crimea", "2020-01-01", "UKR", "UKR"},
		{"west", "2020-01-01", "WST", ""},
		{"nato", "2020-01-01", "IGOWSTNAT", ""},
		{"pentagon", "2020-01-01", "USAMIL", "USA"},
		{"military", "2020-01-01", "", ""}, // an agent alone names no one (sector checked below)
		{"taliban", "2000-01-01", "AFGGOV", "AFG"},
		{"taliban", "2010-01-01", "AFGINS", "AFG"},
		{"taliban", "2023-01-01", "AFGGOV", "AFG"},
		{"taliban", "", "AFGGOV", "AFG"},
		{"hts", "2020-01-01", "SYRINS", "SYR"},
		{"hts", "2025-01-01", "SYRGOV", "SYR"},
		{"nobody", "2020-01-01", "", ""},
	}
	for _, tt := range tests {
		a := kb.Resolve(tt.id, day(tt.date))
		if a.Code != tt.code || a.Country != tt.country {
			t.Errorf("Resolve(%s, %q) = %s/%s, want %s/%s", tt.id, tt.date, a.Code, a.Country, tt.code, tt.country)
		}
		if tt.code != "" && a.Sector == nil {
			t.Errorf("Resolve(%s): nil sector", tt.id)
		}
	}
	for _, id := range []string{"military", "police", "rebels"} {
		a := kb.Resolve(id, day("2020-01-01"))
		if a.Code != "" || a.Country != "" || len(a.Sector) != 1 || a.Coded() {
			t.Errorf("Resolve(%s) = %+v, want no code, no country, one sector, not Coded", id, a)
		}
	}
}

func TestRoleAt(t *testing.T) {
	kb := kbWithPeople(t)
	tests := []struct {
		id, date, title string
		inside          bool
	}{
		{"putin", "1999-10-01", "prime minister", true},
		{"putin", "2005-06-01", "president", true},
		{"putin", "2010-06-01", "prime minister", true},
		{"putin", "2000-05-07", "president", true}, // inauguration day: the new role
		{"putin", "", "president", true},
		{"medvedev", "2010-06-01", "president", true},
		{"medvedev", "2015-06-01", "prime minister", true},
		{"medvedev", "2021-06-01", "deputy chairman of the Security Council", true},
		{"medvedev", "2001-01-01", "president", false},
	}
	for _, tt := range tests {
		r, inside, ok := kb.RoleAt(tt.id, day(tt.date))
		if !ok || r.Title != tt.title || inside != tt.inside {
			t.Errorf("RoleAt(%s, %q) = %q inside=%v ok=%v, want %q inside=%v", tt.id, tt.date, r.Title, inside, ok, tt.title, tt.inside)
		}
	}
}

func TestDemonymsByDate(t *testing.T) {
	kb := kbWithPeople(t)
	tests := []struct {
		word, date, code string
	}{
		{"Soviet", "1985-06-01", "SUN"},
		{"Soviet", "1995-06-01", "RUS"},
		{"Russian", "1995-06-01", "RUS"},
		{"Ukrainian", "2022-03-01", "UKR"},
	}
	for _, tt := range tests {
		m, ok := kb.MatchAt([]string{tt.word}, 0)
		if !ok {
			t.Errorf("%q: no match", tt.word)
			continue
		}
		if got := kb.Resolve(m.Entry, day(tt.date)).Code; got != tt.code {
			t.Errorf("%q at %s = %s, want %s", tt.word, tt.date, got, tt.code)
		}
	}
}

func TestCombine(t *testing.T) {
	kb := kbWithPeople(t)
	d := day("2020-01-01")
	tests := []struct {
		country, agent, code string
	}{
		{"UKR", "military", "UKRMIL"},
		{"RUS", "elites", "RUSELI"},
		{"RUS", "government", "RUSGOV"},
		{"putin", "government", "RUSGOV"},
		{"un", "military", "IGOUNOMIL"},
		{"RUS", "", "RUS"},
		{"", "police", ""}, // no country: the agent alone, uncoded
	}
	for _, tt := range tests {
		a := kb.Combine(kb.Resolve(tt.country, d), kb.Resolve(tt.agent, d))
		if a.Code != tt.code {
			t.Errorf("Combine(%s, %s) = %s, want %s", tt.country, tt.agent, a.Code, tt.code)
		}
	}
}

func TestOfficeHolder(t *testing.T) {
	kb := kbWithPeople(t)
	tests := []struct {
		country, role, date, want string
	}{
		{"RUS", "president", "2025-11-20", "putin"},
		{"RUS", "president", "2010-01-01", "medvedev"},
		{"RUS", "prime minister", "2010-01-01", "putin"},
		{"RUS", "Premier", "2015-01-01", "medvedev"},
		{"USA", "President", "2019-06-01", "trump"},
		{"USA", "president", "2022-06-01", "biden"},
		{"USA", "president", "", "trump"},
		{"USA", "vice president", "2012-01-01", "biden"},
		{"DEU", "prime minister", "2010-01-01", "merkel"},
		{"RUS", "foreign minister", "2020-01-01", "lavrov"},
		{"RUS", "Foreign Minister", "2000-01-01", ""},
		{"FRA", "president", "2020-01-01", ""},
	}
	for _, tt := range tests {
		got, ok := kb.OfficeHolder(tt.country, tt.role, day(tt.date))
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("OfficeHolder(%s, %q, %q) = %q, %v, want %q", tt.country, tt.role, tt.date, got, ok, tt.want)
		}
	}
}

func TestChoose(t *testing.T) {
	kb := kbWithPeople(t)
	m, ok := kb.MatchAt([]string{"Bush"}, 0)
	if !ok || len(m.Candidates) != 2 {
		t.Fatalf("Bush: %+v", m)
	}
	for _, tt := range []struct{ date, want string }{{"1990-01-01", "bush-hw"}, {"2003-03-20", "bush-w"}} {
		if got := kb.Choose(m, day(tt.date)); got != tt.want {
			t.Errorf("Choose(Bush, %s) = %s, want %s", tt.date, got, tt.want)
		}
	}
	if g := kb.Gender("merkel"); g != "f" {
		t.Errorf("Gender(merkel) = %q", g)
	}
}

// TestHandover checks that on the day an office passes from one person to
// the next (roles include their last day, so both cover it) lookups take
// the role that starts that day.
func TestHandover(t *testing.T) {
	kb := kbWithPeople(t)
	for _, tt := range []struct{ date, want string }{
		{"2008-05-06", "putin"}, {"2008-05-07", "medvedev"}, {"2008-05-08", "medvedev"},
		{"2012-05-06", "medvedev"}, {"2012-05-07", "putin"},
	} {
		if got, _ := kb.OfficeHolder("RUS", "president", day(tt.date)); got != tt.want {
			t.Errorf("OfficeHolder(RUS, president, %s) = %q, want %q", tt.date, got, tt.want)
		}
		f := kb.Find(strings.Fields("the Russian president"), day(tt.date))
		if len(f) != 1 || f[0].Entry != tt.want {
			t.Errorf("Find(the Russian president, %s) = %+v, want %s", tt.date, f, tt.want)
		}
	}

	// Two people share a name and hand an office over; one person changes
	// office the same day.
	own := NewKB()
	if err := own.Read("people.tsv", strings.NewReader("# id\tname\taliases\tgender\troles\n"+
		"smith_a\tAda Smith\tSmith\tf\tXYZGOV/president@2001-01-01..2005-06-30\n"+
		"smith_b\tBo Smith\tSmith\tm\tXYZGOV/president@2005-06-30..\n"+
		"jones\tCy Jones\tJones\tm\tXYZMIL/commander@2002-01-01..2005-06-30;XYZGOV/defence minister@2005-06-30..\n")); err != nil {
		t.Fatal(err)
	}
	m, ok := own.MatchAt([]string{"Smith"}, 0)
	if !ok || len(m.Candidates) != 2 {
		t.Fatalf("Smith: %+v", m)
	}
	for _, tt := range []struct{ date, who, code string }{
		{"2005-06-29", "smith_a", "XYZMIL"}, {"2005-06-30", "smith_b", "XYZGOV"}, {"2005-07-01", "smith_b", "XYZGOV"},
	} {
		if got := own.Choose(m, day(tt.date)); got != tt.who {
			t.Errorf("Choose(Smith, %s) = %s, want %s", tt.date, got, tt.who)
		}
		if got := own.Resolve("jones", day(tt.date)).Code; got != tt.code {
			t.Errorf("Resolve(jones, %s) = %s, want %s", tt.date, got, tt.code)
		}
	}
}

// TestOfficeHolderStateOnly checks that a role outside the state (a
// separatist "president") does not answer for the country's office.
func TestOfficeHolderStateOnly(t *testing.T) {
	own := NewKB()
	if err := own.Read("people.tsv", strings.NewReader("# id\tname\taliases\tgender\troles\n"+
		"chief\tAl Chief\t-\tm\tXYZGOV/president@2001..\n"+
		"rebel\tRo Rebel\t-\tm\tXYZREB/president@2003..\n")); err != nil {
		t.Fatal(err)
	}
	if got, _ := own.OfficeHolder("XYZ", "president", day("2004-01-01")); got != "chief" {
		t.Errorf("OfficeHolder = %q, want chief", got)
	}
}
