package actor

import (
	"strings"

	"annals/internal/text"
)

// Actor codes are built here and nowhere else: a country code (ISO
// alpha-3) followed by sector codes, three letters each ("IRQ" + "COP" →
// "IRQCOP"). The event coder calls these functions when it places an
// actor the actor stage left without a country.

// WithCountry returns a, an actor with no country (a generic agent or an
// office), as of country: its sectors after the country code ("COP" in
// IRQ → IRQCOP). An actor with no sector becomes the country alone. It
// returns a unchanged when country is empty.
func WithCountry(a text.Actor, country string) text.Actor {
	if country == "" {
		return a
	}
	sectors := a.Sector
	if len(sectors) == 0 && a.Code != "" {
		sectors = []string{a.Code}
	}
	a.Country = country
	a.Code = country + strings.Join(sectors, "")
	a.Sector = append([]string{}, sectors...)
	return a
}

// Government returns the government of country (CCCGOV), named name, of
// kind k (a person who speaks for it, or the state itself).
func Government(country, name string, k Kind) text.Actor {
	return text.Actor{Code: country + "GOV", Country: country, Sector: []string{"GOV"}, Name: name, Kind: k.Text()}
}

// OfCountry returns an actor coded as country alone (no sector), named
// name, of kind k: an unnamed party known only by where it acts, or a
// person known only by nationality.
func OfCountry(country, name string, k Kind) text.Actor {
	return text.Actor{Code: country, Country: country, Sector: []string{}, Name: name, Kind: k.Text()}
}
