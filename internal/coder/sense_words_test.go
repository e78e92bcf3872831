package coder

import "testing"

// TestWordSenses codes sentences written for this test, with and without
// the classifier: force used of an abstraction, a force verb about a game,
// the press at work, a question asked, companies cooperating, harm suffered, another
// verb's phrasal form, a word inside a proper name and "called" naming
// something are no events, while the same words used of political acts
// stay events. Events without a coded actor count too, so that the test
// checks the sense decision, not the actor requirement.
func TestWordSenses(t *testing.T) {
	for _, classify := range []bool{false, true} {
		p, err := New(Options{Classify: classify})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			text, trigger, want string
			lexiconOnly         bool // the classifier vetoes this one for reasons of its own
		}{
			// force in a game, and the same verbs in earnest
			{"Japan attacked relentlessly throughout the match and deserved the win over Germany.", "attacked", "", false},
			{"Chile's captain hit the post with a corner kick in the second half.", "kick", "", false},
			{"Russian forces attacked the Ukrainian town of Avdiivka overnight with drones.", "attacked", "ASSAULT", false},
			{"Masked men attacked football supporters near the stadium after the match in Cairo.", "attacked", "ASSAULT", false},
			{"Militants attacked a team of polio vaccinators in northern Pakistan on Tuesday.", "attacked", "ASSAULT", false},
			// force in sport news (two signs of sport around it), unless an armed actor is named
			{"Peru beat Bolivia 3-1 on Tuesday night. The Peruvian goalkeeper saved a penalty late on.", "beat", "", false},
			{"Ghana attacked down both wings all evening. Their striker scored twice against the Sudanese goalkeeper.", "attacked", "", false},
			{"Arsenal beat Chelsea 2-1 at home on Sunday. The Chelsea goalkeeper was at fault for both goals.", "beat", "", false},
			{"Barcelona attacked from the first whistle of the cup final, and their striker scored twice.", "attacked", "", false},
			{"Riot police attacked fans with batons after the game. The goalkeeper of the visiting side was unhurt.", "attacked", "ASSAULT", false},
			// force used of an abstraction or a mishap, and of people, places and power
			{"The Bolivian government has fought poverty in the highlands for a decade.", "fought", "", false},
			{"Chilean volunteers battled the blaze near Valparaiso for three days.", "battled", "", false},
			{"Ecuadorian exporters seized the opportunity created by the new trade rules.", "seized", "", false},
			{"Armenian troops fought Azerbaijani soldiers near the border.", "fought", "ASSAULT", false},
			{"The Peruvian police fought against drug traffickers in the jungle.", "fought", "ASSAULT", false},
			{"Rebels of the M23 seized the town of Goma on Tuesday.", "seized", "COERCE", false},
			{"Myanmar's army seized power in a coup on Monday.", "seized", "ASSAULT", true},
			// the press at work, a question asked, companies cooperating, and what is done to it or by officials
			{"Two BBC reporters attended the opening of a gallery in Lagos.", "attended", "", false},
			{"Journalists from Al Jazeera spoke to refugees at the Rafah crossing.", "spoke", "", false},
			{"The Turkish foreign minister attended the summit in Baku.", "attended", "CONSULT", true},
			{"Police in Minsk arrested two reporters of a Polish newspaper.", "arrested", "COERCE", false},
			// cooperation among companies alone, and a protest by farmers
			{"Two Japanese carmakers announced plans to merge their truck businesses.", "announced", "", false},
			{"Brazilian farmers blocked highways in protest at fuel prices.", "blocked", "PROTEST", false},
			// a question asked, and a request
			{"The Chilean senator asked the defence minister why troops had been sent to the south.", "asked", "", false},
			{"Reporters asked the Malian president whether elections would be held in June.", "asked", "", false},
			{"Ukraine asked Germany to send more air defence systems.", "asked", "REQUEST", true},
			{"The Sudanese army asked for a ceasefire in Khartoum.", "asked", "REQUEST", true},
			// harm suffered, and harm done
			{"The Greek finance minister missed the summit in Brussels because of an injury.", "injury", "", false},
			// another verb's phrasal form, and the verb itself
			{"Thousands of the missing Nigerian ballots wound up in a warehouse in Lagos.", "wound", "", false},
			{"Police in Bangladesh wounded three students in Dhaka on Monday.", "wounded", "ASSAULT", false},
			// a word inside a proper name, and one ending it (a named event)
			{"Funding comes from the Regional Assistance Fund of the province.", "Assistance", "", false},
			{"The Kenyan foreign minister spoke on Friday at the Nairobi Peace Conference.", "Conference", "CONSULT", true},
			// naming, and calling someone
			{"Villagers in Kenya fear a sect called the Mungiki more than the police.", "called", "", false},
			{"The Egyptian president called his Sudanese counterpart on Tuesday to discuss the dam.", "called", "CONSULT", true},
		} {
			if c.lexiconOnly && classify {
				continue
			}
			got, _ := codeAt(t, p, c.text, c.trigger)
			typ := ""
			if got != nil {
				typ = got.EventType
			}
			if typ != c.want {
				t.Errorf("classifier %v: %q coded %q at %q, want %q", classify, c.text, typ, c.trigger, c.want)
			}
		}
	}
}
