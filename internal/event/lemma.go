package event

import "strings"

// irregularForms lists the irregular inflections of verbs that triggers and
// reporting cues use. Regular inflections are generated.
var irregularForms = map[string][]string{
	"shoot": {"shot"}, "strike": {"struck", "stricken"}, "fight": {"fought"}, "send": {"sent"},
	"meet": {"met"}, "freeze": {"froze", "frozen"}, "seek": {"sought"}, "hold": {"held"},
	"withdraw": {"withdrew", "withdrawn"}, "forgive": {"forgave", "forgiven"}, "lead": {"led"},
	"speak": {"spoke", "spoken"}, "give": {"gave", "given"}, "take": {"took", "taken"},
	"bring": {"brought"}, "throw": {"threw", "thrown"}, "break": {"broke", "broken"},
	"beat": {"beaten"}, "drive": {"drove", "driven"}, "swear": {"swore", "sworn"},
	"shake": {"shook", "shaken"}, "lay": {"laid"}, "sell": {"sold"}, "buy": {"bought"},
	"say": {"said"}, "tell": {"told"}, "write": {"wrote", "written"}, "think": {"thought"},
	"make": {"made"}, "go": {"went", "gone"}, "come": {"came"}, "begin": {"began", "begun"},
	"win": {"won"}, "lose": {"lost"}, "pay": {"paid"}, "keep": {"kept"}, "leave": {"left"},
	"know": {"knew", "known"}, "see": {"saw", "seen"}, "flee": {"fled"}, "rise": {"rose", "risen"},
	"bear": {"bore", "borne"}, "undertake": {"undertook", "undertaken"}, "fly": {"flew", "flown"},
	"be": {"am", "is", "are", "was", "were", "been", "being"}, "have": {"has", "had", "having"},
	"do": {"does", "did", "done", "doing"}, "mislead": {"misled"}, "overtake": {"overtook", "overtaken"},
	"cut": {"cutting"}, "hit": {"hitting"}, "set": {"setting"}, "put": {"putting"},
	"quit": {"quitting"}, "let": {"letting"}, "arm": {"arms"},
}

// inflect returns the forms of a lemma: for verbs its -s, -ed and -ing
// forms and irregular ones; for nouns the plural.
func inflect(lemma string, noun bool) []string {
	forms := []string{lemma}
	if noun {
		return append(forms, plural(lemma))
	}
	forms = append(forms, third(lemma))
	if irr, ok := irregularForms[lemma]; ok {
		forms = append(forms, irr...)
	}
	forms = append(forms, past(lemma), gerund(lemma))
	return forms
}

func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func third(w string) string { return plural(w) }

func past(w string) string {
	switch {
	case strings.HasSuffix(w, "e"):
		return w + "d"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ied"
	case doublesFinal(w):
		return w + w[len(w)-1:] + "ed"
	}
	return w + "ed"
}

func gerund(w string) string {
	switch {
	case strings.HasSuffix(w, "ie"):
		return w[:len(w)-2] + "ying"
	case strings.HasSuffix(w, "ee") || strings.HasSuffix(w, "ye") || strings.HasSuffix(w, "oe"):
		return w + "ing"
	case strings.HasSuffix(w, "e"):
		return w[:len(w)-1] + "ing"
	case doublesFinal(w):
		return w + w[len(w)-1:] + "ing"
	}
	return w + "ing"
}

// doublesFinal reports one-syllable consonant-vowel-consonant verbs whose
// final consonant doubles ("ban" → "banned", "ship" → "shipped"), and a few
// stressed two-syllable ones ("expel", "veto" aside).
func doublesFinal(w string) bool {
	switch w {
	case "expel", "compel", "propel", "rebel", "control", "patrol", "commit", "admit", "permit", "submit", "omit", "regret", "occur", "refer", "prefer", "deter", "confer", "transfer", "equip", "embed", "extol":
		return true
	}
	n := len(w)
	if n < 3 || n > 4 {
		return false
	}
	c := w[n-1]
	if isVowel(c) || c == 'w' || c == 'x' || c == 'y' {
		return false
	}
	if !isVowel(w[n-2]) || isVowel(w[n-3]) {
		return false
	}
	// One vowel group only.
	vowels := 0
	for i := 0; i < n; i++ {
		if isVowel(w[i]) && (i == 0 || !isVowel(w[i-1])) {
			vowels++
		}
	}
	return vowels == 1
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
