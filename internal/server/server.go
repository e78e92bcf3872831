// Package server is annals' HTTP JSON API and web explorer over a store
// opened read-only: lists of events, documents, dyads, actors and clusters;
// a document view with actors and event triggers highlighted and each
// event's evidence on click; a timeline by event date; dyad pages with
// monthly bars by quad class; an actor network. Pages are rendered on the
// server with html/template, charts are SVG drawn on the server, one small
// script adds the click-to-show evidence, and everything is embedded.
//
// Every query is parameterized; limits, offsets, parameter lengths, header
// sizes and timeouts are bounded.
package server

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Timeouts and sizes of the HTTP server.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 60 * time.Second
	MaxHeaderBytes    = 16 << 10 // request line and headers
	maxQueryBytes     = 4 << 10  // the query string
	maxBodyBytes      = 1 << 10  // the API reads no body
	// QueryTimeout bounds the database work of one request.
	QueryTimeout = 30 * time.Second
	// MaxQueued bounds the requests waiting for a query slot, and
	// MaxQueueWait how long one waits; past either the server answers 503
	// with Retry-After. The slots themselves are Options.MaxQueries.
	MaxQueued    = 1024
	MaxQueueWait = 10 * time.Second
)

// Options configure a Server.
type Options struct {
	// Log receives one line per failed request (server errors); nil
	// discards them.
	Log *log.Logger
	// MaxQueries bounds the requests served at once (0: twice the number
	// of CPUs); the others queue (MaxQueued, MaxQueueWait).
	MaxQueries int
}

// Server serves the API and the explorer over one database.
type Server struct {
	r       *cachedReader
	pages   map[string]*template.Template
	log     *log.Logger
	mux     *http.ServeMux
	slots   chan struct{} // one token per request being served
	waiting atomic.Int64  // requests queued for a slot
	cache   respCache
	// inflight holds a channel, closed when done, for each request URI
	// being answered: the same request arriving meanwhile waits for that
	// answer rather than computing it again.
	inflightMu sync.Mutex
	inflight   map[string]chan struct{}
	// docsInMemory is set when the reader holds every document in memory:
	// document requests then take no query slot.
	docsInMemory bool
}

// New returns a server over r (for annals' store: StoreReader over a
// database opened read-only).
func New(r Reader, opt Options) (*Server, error) {
	n := opt.MaxQueries
	if n <= 0 {
		n = 2 * runtime.GOMAXPROCS(0)
	}
	s := &Server{r: newCachedReader(r), inflight: map[string]chan struct{}{}, log: opt.Log, mux: http.NewServeMux(), slots: make(chan struct{}, n)}
	if p, ok := r.(interface{ Preloaded() bool }); ok {
		s.docsInMemory = p.Preloaded()
	}
	if s.log == nil {
		s.log = log.New(discard{}, "", 0)
	}
	var err error
	if s.pages, err = loadTemplates(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// Handler returns the server's handler, with its request bounds applied.
func (s *Server) Handler() http.Handler { return s.bounded(s.mux) }

// HTTPServer returns an *http.Server for addr with the server's handler and
// bounded timeouts and header size.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}

func (s *Server) routes() {
	m := s.mux
	// JSON API.
	m.HandleFunc("GET /api/events", s.apiEvents)
	m.HandleFunc("GET /api/events/{id}", s.apiEvent)
	m.HandleFunc("GET /api/documents", s.apiDocuments)
	m.HandleFunc("GET /api/documents/{id}", s.apiDocument)
	m.HandleFunc("GET /api/dyads", s.apiDyads)
	m.HandleFunc("GET /api/dyads/series", s.apiDyadSeries)
	m.HandleFunc("GET /api/actors", s.apiActors)
	m.HandleFunc("GET /api/clusters", s.apiClusters)
	m.HandleFunc("GET /api/timeline", s.apiTimeline)
	m.HandleFunc("GET /api/network", s.apiNetwork)
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiError(w, r, ErrNotFound)
	})
	// Explorer.
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/documents", http.StatusFound)
	})
	m.HandleFunc("GET /documents", s.pageDocuments)
	m.HandleFunc("GET /documents/{id}", s.pageDocument)
	m.HandleFunc("GET /events", s.pageEvents)
	m.HandleFunc("GET /timeline", s.pageTimeline)
	m.HandleFunc("GET /dyads", s.pageDyads)
	m.HandleFunc("GET /dyad", s.pageDyad)
	m.HandleFunc("GET /network", s.pageNetwork)
	m.HandleFunc("GET /actors", s.pageActors)
	m.HandleFunc("GET /clusters", s.pageClusters)
	m.HandleFunc("GET /static/", s.static)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, ErrNotFound)
	})
}

// bounded applies the request bounds and security headers.
func (s *Server) bounded(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			hd.Set("Allow", "GET, HEAD")
			s.writeError(w, r, http.StatusMethodNotAllowed, "the explorer and the API are read-only: use GET")
			return
		}
		if len(r.URL.RawQuery) > maxQueryBytes {
			s.writeError(w, r, http.StatusRequestURITooLong, fmt.Sprintf("query string longer than %d bytes", maxQueryBytes))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		if strings.HasPrefix(r.URL.Path, "/static/") {
			h.ServeHTTP(w, r)
			return
		}
		key := r.URL.RequestURI()
		if c := s.cache.get(key); c != nil {
			c.write(w, r)
			return
		}
		after := func() {}
		if done, first := s.join(key); !first {
			select {
			case <-done:
			case <-r.Context().Done():
				return
			}
			if c := s.cache.get(key); c != nil {
				c.write(w, r)
				return
			}
			// The first did not leave a response to share (an error,
			// or a body too large to keep): answer this one too.
		} else {
			left := false
			leave := func() {
				if !left {
					left = true
					s.leave(key, done)
				}
			}
			defer leave()
			after = leave
		}
		held := false
		release := func() {
			if held {
				held = false
				<-s.slots
			}
		}
		defer release()
		if !s.inMemory(r) {
			if !s.acquire(r.Context()) {
				hd.Set("Retry-After", "1")
				s.writeError(w, r, http.StatusServiceUnavailable, "the server is busy; try again in a moment")
				return
			}
			held = true
		}
		ctx, cancel := context.WithTimeout(r.Context(), QueryTimeout)
		defer cancel()
		rec := &recorder{ResponseWriter: w}
		h.ServeHTTP(rec, r.WithContext(ctx))
		// The answer is made: the slot is free, and the same requests
		// waiting for it have it, before it is written to this client.
		release()
		if c := rec.cached(); c != nil && r.Method == http.MethodGet {
			s.cache.put(key, c)
		}
		after()
		rec.flush()
	})
}

// join registers a request for key. The first for a key gets first=true
// and must call leave when its response is cached (or not to be); the
// others get the channel that leave closes.
func (s *Server) join(key string) (done chan struct{}, first bool) {
	s.inflightMu.Lock()
	defer s.inflightMu.Unlock()
	if ch, ok := s.inflight[key]; ok {
		return ch, false
	}
	ch := make(chan struct{})
	s.inflight[key] = ch
	return ch, true
}

func (s *Server) leave(key string, done chan struct{}) {
	s.inflightMu.Lock()
	delete(s.inflight, key)
	s.inflightMu.Unlock()
	close(done)
}

// inMemory reports whether r is answered from memory, without a query
// slot: a document or the document list when every document is held, or
// the list of all documents once it is kept.
func (s *Server) inMemory(r *http.Request) bool {
	if !documentRequest(r) {
		return false
	}
	if s.docsInMemory {
		return true
	}
	p := r.URL.Path
	return (p == "/api/documents" || p == "/documents") && s.r.allDocumentsKept()
}

// documentRequest reports whether r asks for one document, or for the
// list of documents without a search: what a preloaded reader answers from
// memory.
func documentRequest(r *http.Request) bool {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/api/documents/"), strings.HasPrefix(p, "/documents/"):
		return true
	case p == "/api/documents", p == "/documents":
		return r.URL.Query().Get("q") == ""
	}
	return false
}

// acquire takes a query slot, waiting in line for at most MaxQueueWait
// behind at most MaxQueued others. It reports whether it got one.
func (s *Server) acquire(ctx context.Context) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	default:
	}
	if s.waiting.Add(1) > MaxQueued {
		s.waiting.Add(-1)
		return false
	}
	defer s.waiting.Add(-1)
	t := time.NewTimer(MaxQueueWait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

// static serves the embedded files under /static/: files only, no
// directory listings, 404 for any name that is not a clean relative path.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	sub, _ := fs.Sub(staticFS, "static")
	if !fs.ValidPath(name) || name == "." || !utf8.ValidString(name) {
		s.pageError(w, r, ErrNotFound)
		return
	}
	st, err := fs.Stat(sub, name)
	if err != nil || st.IsDir() {
		s.pageError(w, r, ErrNotFound)
		return
	}
	http.ServeFileFS(w, r, sub, name)
}

// ErrNotFound is a missing document, event or page.
var ErrNotFound = errors.New("not found")

// status maps an error to an HTTP status and a message for the client.
func (s *Server) status(r *http.Request, err error) (int, string) {
	var bad *BadRequest
	switch {
	case errors.As(err, &bad):
		return http.StatusBadRequest, bad.Error()
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		s.log.Printf("%s %s: %v", r.Method, r.URL, err)
		return http.StatusServiceUnavailable, "the query took too long; narrow the filters"
	case errors.Is(err, context.Canceled):
		return 499, "request cancelled"
	}
	s.log.Printf("%s %s: %v", r.Method, r.URL, err)
	return http.StatusInternalServerError, "internal error: " + err.Error()
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, code, apiErr{Error: msg, Status: code})
		return
	}
	s.render(w, r, code, "error.html", errorPage{pageBase: pageBase{Title: http.StatusText(code)}, Message: msg})
}

type apiErr struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := s.status(r, err)
	if errors.Is(err, ErrNotFound) {
		msg = "not found: " + r.URL.Path
	}
	writeJSON(w, code, apiErr{Error: msg, Status: code})
}

// writeJSON answers v as JSON and a newline. It is encoded in a pooled
// buffer and copied out once, to the exact size: that copy is the body
// the response cache keeps (writeBody), so that a response costs one
// allocation of its size.
func writeJSON(w http.ResponseWriter, code int, v any) {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		code = http.StatusInternalServerError
		buf.Reset()
		json.NewEncoder(buf).Encode(apiErr{Error: "encoding the response: " + err.Error(), Status: code})
	}
	body := bytes.Clone(buf.Bytes())
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	writeBody(w, body)
}
