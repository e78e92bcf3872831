package record

import (
	"strconv"
	"strings"
)

// CSVHeader is the header of the CSV export: ICEWS/GDELT-style columns, one
// row per event.
var CSVHeader = []string{
	"event_id", "event_date", "date_precision", "published",
	"source_name", "source_code", "source_country", "source_sectors",
	"event_type", "mode", "cameo", "quad_class", "goldstein",
	"target_name", "target_code", "target_country", "target_sectors",
	"polarity", "modality", "certainty", "speaker",
	"location", "location_country", "doc_id", "url", "sentence", "sentence_text",
}

// CSVRow returns e as a row under CSVHeader. Several sources or targets are
// joined with ";" in each column. url is the document's URL ("" if none).
func CSVRow(e Event, url string) []string {
	names, codes, countries, sectors := argCols(e.Source)
	tnames, tcodes, tcountries, tsectors := argCols(e.Target)
	return []string{
		e.ID, e.Date.Value, e.Date.Precision, e.Published,
		names, codes, countries, sectors,
		e.EventType, e.Mode, e.CAMEO, strconv.Itoa(e.QuadClass), strconv.FormatFloat(e.Goldstein, 'f', -1, 64),
		tnames, tcodes, tcountries, tsectors,
		e.Polarity, e.Modality, e.Certainty, e.Attribution.Speaker,
		e.Location.Text, e.Location.Country, e.DocID, url, strconv.Itoa(e.Sentence), e.SentenceText,
	}
}

func argCols(args []Argument) (names, codes, countries, sectors string) {
	var n, c, k, s []string
	for _, a := range args {
		name := a.Actor.Name
		if name == "" {
			name = a.Text
		}
		n = append(n, name)
		c = append(c, a.Actor.Code)
		k = append(k, a.Actor.Country)
		s = append(s, strings.Join(a.Actor.Sector, "+"))
	}
	return strings.Join(n, ";"), strings.Join(c, ";"), strings.Join(k, ";"), strings.Join(s, ";")
}
