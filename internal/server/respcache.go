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

// recorder passes a response through and keeps a copy of a successful
// one of at most maxCachedBody bytes.
type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
	over   bool
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if !r.over && r.status == http.StatusOK {
		if r.buf.Len()+len(b) > maxCachedBody {
			r.over = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

// cached returns the response to keep, or nil.
func (r *recorder) cached() *cachedResp {
	if r.status != http.StatusOK || r.over || r.buf.Len() == 0 {
		return nil
	}
	// The recorder is not used after this: its buffer becomes the body.
	return &cachedResp{ctype: r.Header().Get("Content-Type"), body: r.buf.Bytes()}
}
