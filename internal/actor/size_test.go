package actor

import "testing"

// TestSizeReport logs the size of the built-in knowledge base (run with -v).
func TestSizeReport(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	states, historical, seats, places, regions, roles, withRoles := 0, 0, 0, 0, 0, 0, 0
	for _, id := range kb.Entries(KindNone) {
		e, _ := kb.Entry(id)
		switch {
		case e.Kind == KindState && e.Seat:
			seats++
		case e.Kind == KindState && !e.Period.Open():
			historical++
		case e.Kind == KindState:
			states++
		case e.Kind == KindPlace && e.Country == "":
			regions++
		case e.Kind == KindPlace:
			places++
		case e.Kind == KindPerson:
			roles += len(e.Roles)
			if len(e.Roles) > 0 {
				withRoles++
			}
		}
	}
	t.Logf("countries and territories %d (+%d historical or dated polities), seats of power %d, place groups %d, regions %d, IGOs %d, NGOs %d, groups %d, agents %d, people %d (%d with roles, %d roles), surface forms %d",
		states, historical, seats, places, regions, kb.Count(KindIGO), kb.Count(KindOrganization), kb.Count(KindGroup), kb.Count(KindAgent), kb.Count(KindPerson), withRoles, roles, kb.gaz.forms())
	if states < 240 {
		t.Errorf("%d countries and territories, want every ISO 3166 entry", states)
	}
}
