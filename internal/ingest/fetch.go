package ingest

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"time"
)

// UserAgent is how annals names itself to the sites it reads: what it is
// and what it does with a page.
const UserAgent = "annals-ingest/1 (news event coder; reads each feed item's article once, no crawling)"

// The defaults of article fetching.
const (
	FetchWorkers = 4                // articles fetched at once
	FetchTimeout = 30 * time.Second // for one article, connection to last byte
)

func (o Options) fetchWorkers() int {
	if o.FetchWorkers > 0 {
		return o.FetchWorkers
	}
	return FetchWorkers
}

func (o Options) fetchTimeout() time.Duration {
	if o.FetchTimeout > 0 {
		return o.FetchTimeout
	}
	return FetchTimeout
}

func (o Options) client() *http.Client {
	if o.HTTPClient != nil {
		return o.HTTPClient
	}
	return http.DefaultClient // each request carries its own deadline
}

// errNoLink marks a feed entry without an http(s) link: there is no
// article to fetch.
var errNoLink = errors.New("the entry links to no web page")

// fetched is the outcome of fetching one article.
type fetched struct {
	it  Item
	err error
}

// fetchArticles fetches the article of every item with a URL, at most
// Options.FetchWorkers at a time, and calls each with the items in input
// order and what was fetched for them. An item waits for its turn only
// while fewer than FetchWorkers earlier ones are unread, so memory holds
// at most that many articles however long the feed. It stops at the first
// error each returns, and returns it.
func (o Options) fetchArticles(items []Item, each func(k int, art Item, err error) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res := make([]chan fetched, len(items))
	for i := range res {
		res[i] = make(chan fetched, 1)
	}
	slots := make(chan struct{}, o.fetchWorkers())
	go func() {
		for i := range items {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			if items[i].URL == "" {
				res[i] <- fetched{err: errNoLink}
				continue
			}
			go func(i int) {
				it, err := o.FetchArticle(ctx, items[i].URL)
				res[i] <- fetched{it, err}
			}(i)
		}
	}()
	for i := range items {
		f := <-res[i]
		err := each(i, f.it, f.err)
		<-slots
		if err != nil {
			return err
		}
	}
	return nil
}

// FetchArticle fetches the web page at url (with the options' client,
// user agent, timeout and size cap; from a public address only, unless
// Options.FetchPrivate: see guard.go) and returns its main text, title and
// publication date (ExtractHTML), keyed by url itself whatever redirects
// were followed. A page that is not HTML, is over the size cap, does not
// answer 200 OK in time or has no main text is an error.
func (o Options) FetchArticle(ctx context.Context, url string) (Item, error) {
	ctx, cancel := context.WithTimeout(ctx, o.fetchTimeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Item{}, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	if !o.FetchPrivate {
		if err := checkURL(ctx, req.URL); err != nil {
			return Item{}, err
		}
	}
	resp, err := o.articleClient().Do(req)
	if err != nil {
		if errors.Is(err, ErrPrivateAddress) {
			return Item{}, err
		}
		if ctx.Err() == context.DeadlineExceeded {
			return Item{}, fmt.Errorf("no answer within %v", o.fetchTimeout())
		}
		return Item{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Item{}, fmt.Errorf("HTTP %s", resp.Status)
	}
	ctype := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ctype); err == nil && mt != "text/html" && mt != "application/xhtml+xml" {
		return Item{}, fmt.Errorf("not a web page (%s)", mt)
	}
	b, err := readAll(resp.Body, o.maxFile())
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return Item{}, fmt.Errorf("not read within %v", o.fetchTimeout())
		}
		return Item{}, err
	}
	it, err := o.ExtractHTML(b, ctype, url)
	if err != nil {
		return Item{}, err
	}
	if it.Text == "" {
		return Item{}, ErrEmpty
	}
	it.URL = cleanURL(url)
	return it, nil
}

// withArticle returns the feed's item with the text of its article, or,
// when the article could not be read (err), the item itself marked a
// teaser with a note saying why. The feed's title and date are kept; the
// page's fill in the ones the feed lacks.
func withArticle(feed, art Item, err error) Item {
	if err == nil {
		feed.Text = art.Text
		if feed.Title == "" {
			feed.Title = art.Title
		}
		if feed.Published.IsZero() {
			feed.Published = art.Published
		}
		return feed
	}
	if feed.URL == "" {
		return feed // the feed's text is all there is
	}
	feed.Teaser = true
	feed.Note = fmt.Sprintf("teaser only: the feed's text stands in for the article at %s, which could not be read (%v)", feed.URL, err)
	return feed
}
