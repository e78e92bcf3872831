package actor

import (
	"reflect"
	"testing"

	"annals/internal/text"
)

func TestWithCountry(t *testing.T) {
	tests := []struct {
		name    string
		in      text.Actor
		country string
		want    text.Actor
	}{
		{"agent", text.Actor{Code: "COP", Sector: []string{"COP"}, Name: "police", Kind: "agent"}, "NPL",
			text.Actor{Code: "NPLCOP", Country: "NPL", Sector: []string{"COP"}, Name: "police", Kind: "agent"}},
		{"two sectors", text.Actor{Code: "GOVMED", Sector: []string{"GOV", "MED"}, Name: "state broadcaster", Kind: "agent"}, "BOL",
			text.Actor{Code: "BOLGOVMED", Country: "BOL", Sector: []string{"GOV", "MED"}, Name: "state broadcaster", Kind: "agent"}},
		{"code only", text.Actor{Code: "GOV", Name: "envoy", Kind: "person"}, "FJI",
			text.Actor{Code: "FJIGOV", Country: "FJI", Sector: []string{"GOV"}, Name: "envoy", Kind: "person"}},
		{"no country", text.Actor{Code: "REB", Sector: []string{"REB"}, Name: "rebels", Kind: "agent"}, "",
			text.Actor{Code: "REB", Sector: []string{"REB"}, Name: "rebels", Kind: "agent"}},
	}
	for _, tt := range tests {
		if got := WithCountry(tt.in, tt.country); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: WithCountry = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if g := Government("URY", "Uruguay government", KindState); g.Code != "URYGOV" || g.Country != "URY" || g.Kind != "state" || !reflect.DeepEqual(g.Sector, []string{"GOV"}) {
		t.Errorf("Government = %+v", g)
	}
	if c := OfCountry("MLI", "gunmen in MLI", KindGroup); c.Code != "MLI" || c.Country != "MLI" || c.Kind != "group" || c.Sector == nil || len(c.Sector) != 0 {
		t.Errorf("OfCountry = %+v", c)
	}
}
