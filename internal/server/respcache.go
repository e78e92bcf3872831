package server

import (
	"bytes"
	"net/http"
	"sync"
)

// Bounds of the response cache.
const (
	// MaxCachedBytes bounds the bodies the server keeps; when a new one
	// would pass it, the cache is emptied and fills again.
	MaxCachedBytes = 256 << 20
	// maxCachedBody is the largest body kept.
	maxCachedBody = 4 << 20
)

// respCache keeps successful responses by request URI. The store is
// read-only while the server runs, so a response holds as long as the
// server does; a repeated request is answered from memory without a query
// slot.
type respCache struct {
	mu    sync.RWMutex
	m     map[string]*cachedResp
	bytes int
}

type cachedResp struct {
	ctype string
	body  []byte
}

func (c *respCache) get(key string) *cachedResp {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[key]
}

func (c *respCache) put(key string, r *cachedResp) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.bytes+len(r.body) > MaxCachedBytes {
		c.m, c.bytes = map[string]*cachedResp{}, 0
	}
	if old, ok := c.m[key]; ok {
		c.bytes -= len(old.body)
	}
	c.m[key] = r
	c.bytes += len(r.body)
}

// write answers from a cached response.
func (r *cachedResp) write(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Content-Type", r.ctype)
	w.Header().Set("X-Cache", "hit")
	w.WriteHeader(http.StatusOK)
	if req.Method != http.MethodHead {
		w.Write(r.body)
	}
}

// recorder holds a handler's response, status and body, until flush
// writes it to the client: the server answers, gives back its query slot,
// and only then writes, so that a slow client, or a goroutine waiting for
// its turn to write, does not keep others from a slot. A successful body
// of at most maxCachedBody bytes is also what the cache keeps: the body
// itself when it comes whole through writeBody (owned), else what was
// written, gathered in buf.
type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
	owned  []byte
	over   bool // the body is too large to keep in the cache
}

// writeBody writes b, a whole response body that the caller neither
// changes nor writes to again: a recorder keeps b itself rather than a
// copy.
func writeBody(w http.ResponseWriter, b []byte) {
	r, ok := w.(*recorder)
	if !ok || r.owned != nil || r.buf.Len() > 0 {
		w.Write(b)
		return
	}
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.owned = b
	r.over = len(b) > maxCachedBody
}

// Bodies are drawn in pooled buffers; one that grew past maxPooled is
// left to the collector.
const maxPooled = 1 << 20

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer {
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooled {
		buffers.Put(b)
	}
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if r.owned != nil {
		// More after a whole body: gather the two.
		r.buf.Write(r.owned)
		r.owned = nil
	}
	r.buf.Write(b)
	r.over = r.buf.Len() > maxCachedBody
	return len(b), nil
}

// flush writes the held response to the client.
func (r *recorder) flush() {
	if r.status == 0 {
		return // nothing written: net/http answers 200 with no body
	}
	r.ResponseWriter.WriteHeader(r.status)
	if r.owned != nil {
		r.ResponseWriter.Write(r.owned)
	} else if r.buf.Len() > 0 {
		r.ResponseWriter.Write(r.buf.Bytes())
	}
}

// cached returns the response to keep, or nil.
func (r *recorder) cached() *cachedResp {
	if r.status != http.StatusOK || r.over {
		return nil
	}
	body := r.owned
	if body == nil {
		// The recorder is not used after this: its buffer becomes the body.
		body = r.buf.Bytes()
	}
	if len(body) == 0 {
		return nil
	}
	return &cachedResp{ctype: r.Header().Get("Content-Type"), body: body}
}
