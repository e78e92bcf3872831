package ingest

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestPrivateReason sorts addresses into public ones and the kinds that
// article fetching refuses.
func TestPrivateReason(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1": "loopback", "127.8.9.10": "loopback", "::1": "loopback",
		"10.1.2.3": "private", "172.16.0.9": "private", "192.168.1.1": "private", "fd00::7": "private",
		"169.254.169.254": "link-local", "fe80::1": "link-local",
		"0.0.0.0": "unspecified", "0.1.2.3": "unspecified", "::": "unspecified",
		"::ffff:10.0.0.1": "private", "::ffff:127.0.0.1": "loopback",
		"224.0.0.251": "link-local", "239.1.1.1": "multicast",
		"8.8.8.8": "", "93.184.216.34": "", "2606:4700::1111": "", "172.32.0.1": "",
	} {
		if got := privateReason(netip.MustParseAddr(addr)); got != want {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
}

// TestFeedRefusesPrivateArticles: a feed whose entries link to loopback
// (IPv4 and IPv6), private and link-local addresses has none of them
// fetched by default; each entry keeps its teaser, with a
// note saying the address was refused. With FetchPrivate the local page is
// read.
func TestFeedRefusesPrivateArticles(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, articlePage("Harbour reopens", "The port authority reopened the harbour on Tuesday after divers cleared the wreck that had blocked the channel for a week."))
	}))
	defer srv.Close()
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Odd Feed</title>` +
		`<item><title>One</title><link>` + srv.URL + `/story</link><description>Harbour reopens after a week.</description></item>` +
		`<item><title>Two</title><link>http://10.0.0.8/admin</link><description>Ferry fares rise again.</description></item>` +
		`<item><title>Three</title><link>http://169.254.169.254/latest/meta-data/</link><description>Dockers vote on a strike.</description></item>` +
		`<item><title>Four</title><link>http://[::1]:9/x</link><description>Tugboat crews praised.</description></item>` +
		`</channel></rss>`
	read := func(o Options) collect {
		t.Helper()
		var c collect
		o.AllLanguages, o.FetchArticles, o.FetchTimeout = true, true, 2*time.Second
		if err := o.ReadFeed(strings.NewReader(feed), "odd.rss", c.handler()); err != nil {
			t.Fatal(err)
		}
		if len(c.items) != 4 {
			t.Fatalf("%d items, want 4: %+v", len(c.items), c.items)
		}
		return c
	}
	c := read(Options{})
	if hits.Load() != 0 {
		t.Errorf("the local server was asked %d times by default", hits.Load())
	}
	wantIn := []string{"127.0.0.1 is a loopback address", "10.0.0.8 is a private address", "169.254.169.254 is a link-local address", "::1 is a loopback address"}
	teasers := []string{"Harbour reopens", "Ferry fares", "Dockers vote", "Tugboat crews"}
	for i, it := range c.items {
		if !it.Teaser || !strings.Contains(it.Text, teasers[i]) {
			t.Errorf("item %d: teaser %v, text %q; want the feed's teaser kept", i, it.Teaser, it.Text)
		}
		if !strings.Contains(it.Note, "refused") || !strings.Contains(it.Note, wantIn[i]) || !strings.Contains(it.Note, "--fetch-private") {
			t.Errorf("item %d: note %q; want it to say the address was refused (%q) and how to allow it", i, it.Note, wantIn[i])
		}
	}

	// Allowed: the local page is read.
	c = read(Options{FetchPrivate: true})
	if hits.Load() == 0 || c.items[0].Teaser || !strings.Contains(c.items[0].Text, "divers cleared the wreck") {
		t.Errorf("with FetchPrivate: item %+v, %d requests; want the article read", c.items[0], hits.Load())
	}
}

// TestRedirectToPrivateRefused: a public-looking start (checked here
// through a client that lets the test server pass as public) that
// redirects to a private address is refused at the redirect.
func TestRedirectToPrivateRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://192.168.7.7/router", http.StatusFound)
	}))
	defer srv.Close()
	o := Options{HTTPClient: srv.Client()}
	c := o.articleClient()
	resp, err := c.Get(srv.URL + "/hop")
	if err == nil {
		resp.Body.Close()
		t.Fatal("redirect to 192.168.7.7 followed")
	}
	if !errors.Is(err, ErrPrivateAddress) || !strings.Contains(err.Error(), "192.168.7.7 is a private address") {
		t.Errorf("error %v; want the redirect refused, naming the address", err)
	}
}
