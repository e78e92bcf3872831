package ingest

import "testing"

func TestIsEnglish(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"english prose", "The two governments agreed on Friday to reopen the border crossing that had been closed since the spring.", true},
		{"short headline", "Border crossing reopens", true},
		{"german", "Die Regierung hat am Freitag beschlossen, den Grenzübergang wieder zu öffnen, der seit dem Frühjahr geschlossen war.", false},
		{"spanish", "El gobierno anunció el viernes que reabrirá el paso fronterizo que estaba cerrado desde la primavera pasada.", false},
		{"russian", "Правительство в пятницу согласилось вновь открыть пограничный переход.", false},
		{"headlines", "Turkey met Iran. Navy seizes tanker near strait. Court jails opposition leader. Flood kills dozens in northern province. Ministers sign grain deal.", true},
		{"wire briefs", "Kenya: police arrest protest organisers. Chile: miners end strike. Japan: cabinet approves defence budget. Peru: congress ousts minister.", true},
		{"name list", "Presidents Lula, Macron, Scholz, Sanchez, Meloni, Tusk, Orban, Fiala, Costa, Nehammer meet leaders from Kenya, Ghana, Senegal.", true},
		{"german headlines", "Regierung beschließt Haushalt. Polizei nimmt Demonstranten fest. Minister tritt zurück. Gericht verurteilt Oppositionsführer wegen Betrugs.", false},
		{"french headlines", "Le gouvernement adopte le budget. La police arrête des manifestants. Le ministre démissionne. Le tribunal condamne un opposant.", false},
		{"indonesian headlines", "Pemerintah menyetujui anggaran pertahanan. Polisi menangkap pengunjuk rasa di ibu kota. Menteri mengundurkan diri setelah skandal korupsi.", false},
		{"dutch headlines", "Kabinet presenteert begroting voor defensie. Politie houdt demonstranten aan bij het parlement. Minister stapt op na kritiek van oppositie.", false},
		{"digits only", "2024 2025 1999", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got, ratio := IsEnglish(tt.in); got != tt.want {
			t.Errorf("%s: IsEnglish = %v (ratio %.2f), want %v", tt.name, got, ratio, tt.want)
		}
	}
}
