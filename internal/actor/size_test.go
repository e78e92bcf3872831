package actor

import "testing"

func TestSizeReport(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	roles := 0
	for _, id := range kb.Entries(KindPerson) {
		e, _ := kb.Entry(id)
		roles += len(e.Roles)
	}
	t.Logf("states %d, places %d, igos %d, ngos %d, groups %d, agents %d, people %d (roles %d)",
		kb.Count(KindState), kb.Count(KindPlace), kb.Count(KindIGO), kb.Count(KindOrganization), kb.Count(KindGroup), kb.Count(KindAgent), kb.Count(KindPerson), roles)
}
