package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"annals/internal/limits"
)

// TestDocumentCapEveryPath checks that every reader applies the same
// per-document bound, and reads a document under it.
func TestDocumentCapEveryPath(t *testing.T) {
	page := longPage(6 << 10)
	feed := `<rss version="2.0"><channel><title>t</title><item><title>x</title><description>` +
		strings.Repeat("The ferry resumed its crossings on Tuesday. ", 150) + `</description></item></channel></rss>`
	inputs := []struct {
		format Format
		data   string
	}{
		{FormatText, strings.Repeat("Dockers voted to end their strike at the grain terminal. ", 120)},
		{FormatHTML, page},
		{FormatFeed, feed},
		{FormatJSONL, fmt.Sprintf(`{"id":"j","text":%q}`, strings.Repeat("Pilots returned to work after the talks. ", 170))},
		{FormatWARC, string(writeWARC(t, pageRecords(page), true))},
	}
	for _, in := range inputs {
		for _, cap := range []int64{4 << 10, 64 << 10} {
			var c collect
			o := Options{AllLanguages: true, Limits: limits.Limits{DocumentBytes: cap}}
			if err := o.Read(bytes.NewReader([]byte(in.data)), "in", in.format, c.handler()); err != nil {
				t.Fatal(err)
			}
			over := cap == 4<<10 // every input holds 5 to 8 KiB of text
			if over && (len(c.items) != 0 || len(c.errs) != 1 || !strings.Contains(c.errs[0].Error(), "limit")) {
				t.Errorf("%v with a cap of %d: items %d, errors %v; want one error naming the limit", in.format, cap, len(c.items), c.errs)
			}
			if !over && (len(c.items) != 1 || len(c.errs) != 0) {
				t.Errorf("%v with a cap of %d: items %d, errors %v; want the document", in.format, cap, len(c.items), c.errs)
			}
		}
	}
}
