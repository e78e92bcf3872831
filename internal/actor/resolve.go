package actor

import (
	"strings"
	"time"
	"unicode"

	"annals/internal/text"
)

// Resolve returns the actor that entry id stands for at date. A zero date
// means "now": a person's or group's latest role, a polity itself.
//
//   - States: a historical polity resolves to its successor for dates after
//     it ended (SUN → RUS after 1991-12-26).
//   - Places resolve to the country they belong to (Crimea → UKR), regions
//     to their region code (the West → WST).
//   - People and groups resolve to the role that covers the date; when
//     several do, the one that began last. A person outside every role
//     resolves to the country of the nearest role in time with sector ELI
//     (a former or future office holder is an elite of that country); a
//     group outside its dates keeps its nearest code.
//   - Agents alone name no one: they resolve to their sector ("troops" →
//     sector MIL) with no code and no country, so they are not Coded;
//     see Combine and WithCountry for giving them a country.
//   - A composite key "COUNTRY+AGENT" (as Find writes for "Soviet troops")
//     resolves both parts at the date and combines them: SUNMIL in 1985,
//     RUSMIL in 1995.
//
// An unknown id gives the zero Actor.
func (kb *KB) Resolve(id string, date time.Time) text.Actor {
	if a, b, ok := strings.Cut(id, "+"); ok {
		c := kb.Combine(kb.Resolve(a, date), kb.Resolve(b, date))
		// "Russian military" reads better than "Russia military".
		if e, ok := kb.entries[a]; ok && len(e.Demonyms) > 0 && c.Name != "" {
			if ag, ok := kb.entries[b]; ok {
				c.Name = e.Demonyms[0] + " " + ag.Name
			}
		}
		return c
	}
	e, ok := kb.entries[id]
	if !ok {
		return text.Actor{}
	}
	switch e.Kind {
	case KindState:
		for depth := 0; depth < 8 && !date.IsZero() && e.Successor != "" && !e.Period.To.IsZero() && !date.Before(e.Period.To); depth++ {
			next, ok := kb.entries[e.Successor]
			if !ok {
				code := e.Successor
				if c, seat := strings.CutSuffix(code, ".gov"); seat {
					code = c + "GOV"
				}
				return kb.actor(code, code, KindState)
			}
			e = next
		}
		return kb.actor(e.Code, e.Name, KindState)
	case KindAgent:
		// "troops" alone names no one: its sector, but no code
		a := kb.actor(e.Code, e.Name, e.Kind)
		a.Code = ""
		return a
	case KindPlace, KindIGO, KindOrganization:
		return kb.actor(e.Code, e.Name, e.Kind)
	}
	r, inside := pickRole(e.Roles, date)
	if r == nil {
		return text.Actor{Name: e.Name, Kind: e.Kind.Text(), Sector: []string{}}
	}
	if inside || e.Kind != KindPerson {
		return kb.actor(r.Code, e.Name, e.Kind)
	}
	a := kb.actor(r.Code, e.Name, e.Kind)
	if a.Country != "" {
		a = kb.actor(a.Country+"ELI", e.Name, e.Kind)
	}
	return a
}

// pickRole returns the role in force at date (inside true) or, when none
// is, the nearest in time (inside false). A zero date picks the latest
// role: the one that began last, an open-ended one before a closed one.
func pickRole(roles []Role, date time.Time) (*Role, bool) {
	if len(roles) == 0 {
		return nil, false
	}
	var best *Role
	for i := range roles {
		r := &roles[i]
		if date.IsZero() {
			if best == nil || later(r, best) {
				best = r
			}
			continue
		}
		if r.Period.Covers(date) && (best == nil || r.Period.From.After(best.Period.From)) {
			best = r
		}
	}
	if best != nil || date.IsZero() {
		return best, true
	}
	// Outside every role: the nearest one in time.
	var dist time.Duration
	for i := range roles {
		r := &roles[i]
		var d time.Duration
		if !r.Period.From.IsZero() && date.Before(r.Period.From) {
			d = r.Period.From.Sub(date)
		} else if !r.Period.To.IsZero() {
			d = date.Sub(r.Period.To)
		}
		if best == nil || d < dist {
			best, dist = r, d
		}
	}
	return best, false
}

// later reports whether r is a later role than o.
func later(r, o *Role) bool {
	if r.Period.To.IsZero() != o.Period.To.IsZero() {
		return r.Period.To.IsZero()
	}
	return r.Period.From.After(o.Period.From)
}

// actor builds an Actor from a code, splitting it into country and
// sectors: the first three letters are the country when they are a known
// country code, the rest are sectors three letters each.
func (kb *KB) actor(code, name string, k Kind) text.Actor {
	a := text.Actor{Code: code, Name: name, Kind: k.Text(), Sector: []string{}}
	rest := code
	if len(code) >= 3 && kb.codes[code[:3]] {
		a.Country, rest = code[:3], code[3:]
	}
	for len(rest) >= 3 {
		a.Sector = append(a.Sector, rest[:3])
		rest = rest[3:]
	}
	if rest != "" {
		a.Sector = append(a.Sector, rest)
	}
	return a
}

// Combine joins a country (or organization) actor and an agent actor, as
// in "the Ukrainian military" (UKR + MIL → UKRMIL), "Russian politicians"
// (RUS + ELI) or "Russia's army". A seat of power other than the
// government keeps its own code ("CIA officers" USASPY, "Pentagon
// officials" USAMIL). When either part is zero it returns the other.
func (kb *KB) Combine(country, agent text.Actor) text.Actor {
	if agent.IsZero() || len(agent.Sector) == 0 && agent.Code == "" {
		return country
	}
	if country.IsZero() {
		return agent
	}
	if country.Kind == text.KindState && len(country.Code) > 3 && country.Code[3:] != "GOV" {
		// A seat of power with a sector of its own codes its people: "CIA
		// officers" USASPY, "Pentagon officials" USAMIL; capitals stand
		// for the government and let the agent speak ("Moscow's troops"
		// RUSMIL).
		a := kb.actor(country.Code, strings.TrimSpace(country.Name+" "+agent.Name), KindAgent)
		a.Country = country.Country
		return a
	}
	base := country.Code
	if country.Country != "" && country.Kind != text.KindIGO && country.Kind != text.KindOrganization {
		base = country.Country // "Putin's government" → RUSGOV, not RUSGOVGOV
	}
	sectors := agent.Sector
	if len(sectors) == 0 {
		sectors = []string{agent.Code}
	}
	code := base + strings.Join(sectors, "")
	prefix := len(sectors) == 1 && kb.prefixes[sectors[0]]
	if prefix {
		code = sectors[0] + base // a prefix agent ("[IGO~]") goes before
	}
	name := strings.TrimSpace(country.Name + " " + agent.Name)
	kind := KindAgent
	switch country.Kind {
	case text.KindIGO, text.KindOrganization, text.KindGroup:
		// "UN helicopters", "Hamas fighters": a part of the body, coded
		// as the body is
		kind, _ = ParseKind(string(country.Kind))
	}
	a := kb.actor(code, name, kind)
	if prefix {
		a.Sector = []string{sectors[0]} // not split from the front of the code
	}
	if a.Country == "" {
		a.Country = country.Country
	}
	return a
}

// Choose picks among a match's candidates the one that fits date best:
// the first candidate with a role in force at that date, else the first
// candidate. "Bush" in 1990 and in 2003 are different people. Roles
// include their last day, so on a handover day the outgoing holder is
// still in office: a candidate whose every role in force ends that day
// gives way to one whose role goes on (the incoming holder).
func (kb *KB) Choose(m Match, date time.Time) string {
	if len(m.Candidates) < 2 || date.IsZero() {
		return m.Entry
	}
	outgoing := ""
	for _, id := range m.Candidates {
		e, ok := kb.entries[id]
		if !ok {
			continue
		}
		covers, ending := false, true
		if e.Kind == KindState && !e.Period.Open() {
			covers, ending = e.Period.Covers(date), lastDay(e.Period, date)
		} else {
			for _, r := range e.Roles {
				if r.Period.Covers(date) {
					covers = true
					ending = ending && lastDay(r.Period, date)
				}
			}
		}
		switch {
		case covers && !ending:
			return id
		case covers && outgoing == "":
			outgoing = id
		}
	}
	if outgoing != "" {
		return outgoing
	}
	return m.Entry
}

// lastDay reports whether date is the last day of p.
func lastDay(p Period, date time.Time) bool {
	return !p.To.IsZero() && !date.Before(p.To.AddDate(0, 0, -1))
}

// OfficeHolder returns the person who held office role (a title such as
// "president", "prime minister", "foreign minister") in country (ISO
// alpha-3) at date; a zero date asks for the current holder. Titles are
// compared after the synonyms in data/titles.tsv ("premier" is "prime
// minister", "defense" is "defence"). Only offices of the state count
// (roles coded GOV, MIL, SPY, LEG, JUD or COP): a separatist "president"
// coded RUSREB is not a Russian president. When several people match,
// the one whose term began last wins: roles include their last day, so on
// a handover day the incoming holder, not the outgoing one.
func (kb *KB) OfficeHolder(country, role string, date time.Time) (string, bool) {
	role = kb.title(role)
	best, bestFrom := "", time.Time{}
	if len(country) < 3 {
		return "", false
	}
	for _, o := range kb.offices[country[:3]] {
		r := o.role
		if o.title != role || !strings.HasPrefix(r.Code, country) || !stateOffice(r.Code) || !r.Period.Covers(date) {
			continue
		}
		if best == "" || r.Period.From.After(bestFrom) {
			best, bestFrom = o.id, r.Period.From
		}
	}
	return best, best != ""
}

// stateOffice reports whether a role code is an office of a state: its
// first sector after the country is GOV, MIL, SPY, LEG, JUD or COP.
func stateOffice(code string) bool {
	if len(code) < 6 {
		return false
	}
	switch code[3:6] {
	case "GOV", "MIL", "SPY", "LEG", "JUD", "COP":
		return true
	}
	return false
}

// title normalizes an office title (see normTitle) and replaces a
// synonym by its title.
func (kb *KB) title(t string) string {
	t = normTitle(t)
	if c, ok := kb.titles[t]; ok {
		return c
	}
	return t
}

// normTitle returns an office title lowercased, with hyphens and dashes
// as spaces, without periods, and with single spaces: "Vice-President"
// is "vice president", "U.N. ambassador" is "un ambassador".
func normTitle(t string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		switch r {
		case '-', '‐', '‑', '–', '—':
			return ' '
		case '.':
			return -1
		}
		return unicode.ToLower(r)
	}, t)), " ")
}

// RoleAt returns the role entry id holds at date (a zero date: the latest
// role) and whether the date falls inside it; ok is false when the entry
// has no roles. Coreference uses it to check descriptions ("the Russian
// president") against a person.
func (kb *KB) RoleAt(id string, date time.Time) (r Role, inside, ok bool) {
	e, found := kb.entries[id]
	if !found {
		return Role{}, false, false
	}
	p, in := pickRole(e.Roles, date)
	if p == nil {
		return Role{}, false, false
	}
	return *p, in, true
}
