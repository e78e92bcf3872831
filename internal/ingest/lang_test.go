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
		{"digits only", "2024 2025 1999", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got, ratio := IsEnglish(tt.in); got != tt.want {
			t.Errorf("%s: IsEnglish = %v (ratio %.2f), want %v", tt.name, got, ratio, tt.want)
		}
	}
}
