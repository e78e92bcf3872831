package ingest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ page, want string }{
		{`<html><head><link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/y"></head><body>t</body></html>`, "https://a.example/x"},
		{`<html><head><meta property="og:url" content="https://b.example/y"></head><body><p>t</p></body></html>`, "https://b.example/y"},
		{`<html><head><LINK REL="Canonical" HREF="https://c.example/z"></head></html>`, "https://c.example/z"},
		{`<html><head><title>none</title></head><body><link rel="canonical" href="https://late.example/"></body></html>`, ""},
		{`<p>no head at all</p>`, ""},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.page))
		if err != nil {
			t.Fatal(err)
		}
		if got := canonicalURL(doc); got != tt.want {
			t.Errorf("canonicalURL(%.60q) = %q, want %q", tt.page, got, tt.want)
		}
	}
}
