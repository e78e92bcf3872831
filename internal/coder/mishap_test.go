package coder

import "testing"

// TestAgentlessHarm codes sentences written for this test: harm done by a
// flood, a storm, a disease, a fire or an accident is no ASSAULT (there is
// no assailant, named or not), while the same verbs with an assailant, or
// with an attack as the cause, stay assaults. Events are counted with
// the incomplete ones (no coded actor), so that the test checks the type
// decision, not the actor requirement.
func TestAgentlessHarm(t *testing.T) {
	for _, classify := range []bool{false, true} {
		p, err := New(Options{Classify: classify})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			text, trigger string
			assault       bool
		}{
			{"Nine fishermen from Senegal were killed in a storm off the coast of Mauritania.", "killed", false},
			{"The hurricane injured more than fifty residents of Haiti on Thursday.", "injured", false},
			{"Dozens of children in Sudan have died of cholera, and a measles epidemic killed forty more in Darfur.", "killed", false},
			{"Two Brazilian firefighters were injured by the wildfire near Manaus.", "injured", false},
			{"A mudslide swept through the Colombian town, killing eleven people.", "killing", false},
			{"Seven Egyptian tourists were killed in a train collision south of Cairo.", "killed", false},
			{"Five Afghan police officers were killed in a Taliban ambush in Kandahar.", "killed", true},
			{"Soldiers from Myanmar's army killed four villagers in Sagaing on Sunday.", "killed", true},
			{"Two Iraqi soldiers were wounded in a roadside bombing north of Baghdad.", "wounded", true},
			// the mishap told in a clause of its own, or by its own verb
			{"Three Peruvian miners were killed when the tunnel collapsed near Arequipa.", "killed", false},
			{"Eleven Kenyan passengers were injured when their bus overturned in a flood.", "injured", false},
			{"A cyclone flattened fishing villages in Bangladesh and destroyed thousands of homes.", "destroyed", false},
			{"An overloaded boat capsized on the Niger river, killing 30 Nigerian traders.", "killing", false},
			{"Four Swiss skiers were killed by an avalanche near Zermatt.", "killed", false},
			{"A prolonged heat wave killed dozens of elderly people in southern Spain.", "killed", false},
			{"Two Colombian soldiers were killed when rebels fired on their patrol in Cauca.", "killed", true},
			{"Six Syrian villagers were killed when a rocket struck their house in Idlib.", "killed", true},
		} {
			got, _ := codeAt(t, p, c.text, c.trigger)
			isAssault := got != nil && got.EventType == "ASSAULT"
			if isAssault != c.assault {
				typ := "no event"
				if got != nil {
					typ = got.EventType
				}
				t.Errorf("classifier %v: %q coded %s at %q; want ASSAULT: %v", classify, c.text, typ, c.trigger, c.assault)
			}
		}
	}
}
