package actor

import (
	"regexp"
	"testing"
)

// TestValidIDAndCode: the hand-written checks accept exactly what the
// regular expressions that define them accept.
func TestValidIDAndCode(t *testing.T) {
	idRE := regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_.:-]*$`)
	codeRE := regexp.MustCompile(`^[A-Z0-9]{3,}$`)
	for _, s := range []string{
		"", "a", "_a", "-x", "Q42", "wd:Q42", "a.b_c-d:e", "a b", "a\tb", "ÉLYSÉE", "Ωmega_7", "٣٤", "x\xff", "\xffx",
		"a/b", "a,b", "é-", "1", ":", "AB", "ABC", "abc", "A1B2", "ABC ", "ÅBC", "USAGOV", "US-GOV", "123",
	} {
		if got, want := validID(s), idRE.MatchString(s); got != want {
			t.Errorf("validID(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := validCode(s), codeRE.MatchString(s); got != want {
			t.Errorf("validCode(%q) = %v, the expression says %v", s, got, want)
		}
	}
}
