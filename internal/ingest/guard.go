package ingest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// A feed is written by whoever publishes it, and each of its entries names
// a page that ingest then fetches: a feed could name a service of the
// ingesting machine's own network (an admin page on localhost, a cloud
// metadata address, a router) and have its answer stored. So an article
// is fetched only from a public address, unless Options.FetchPrivate says
// otherwise: the address is checked before the request (its host, or every
// address its name resolves to), at every redirect, and, with annals's own
// HTTP client, at the connection itself, so that a name that resolves
// differently the second time is caught too. Sources given on the command
// line are fetched as asked: the user chose them.

// ErrPrivateAddress is wrapped by the error of an article that would be
// fetched from a loopback, private, link-local or unspecified address.
var ErrPrivateAddress = errors.New("refused: not a public address")

// privateReason names the kind of a non-public address, "" for a public
// one: loopback, private (RFC 1918, IPv6 unique local), link-local
// (including 169.254.169.254, where clouds serve instance metadata),
// unspecified or "this network" (0.0.0.0/8), multicast.
func privateReason(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "link-local"
	case a.IsUnspecified(), a.Is4() && a.As4()[0] == 0:
		return "unspecified"
	case a.IsMulticast():
		return "multicast"
	}
	return ""
}

func refused(host string, a netip.Addr, why string) error {
	if host == a.String() {
		return fmt.Errorf("%w: %s is a %s address (--fetch-private allows it)", ErrPrivateAddress, host, why)
	}
	return fmt.Errorf("%w: %s is at %s, a %s address (--fetch-private allows it)", ErrPrivateAddress, host, a, why)
}

// checkURL refuses a URL whose host is, or resolves to, a non-public
// address; every address of a name must be public.
func checkURL(ctx context.Context, u *url.URL) error {
	host := u.Hostname()
	if host == "" {
		return fmt.Errorf("%w: %q names no host", ErrPrivateAddress, u.String())
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if why := privateReason(a); why != "" {
			return refused(host, a, why)
		}
		return nil
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return err
	}
	for _, a := range addrs {
		if why := privateReason(a); why != "" {
			return refused(host, a, why)
		}
	}
	return nil
}

// guardedTransport is http.DefaultTransport whose connections are checked
// once the address is known: a name resolved again between checkURL and
// the connection cannot lead elsewhere.
var guardedTransport = func() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	d := &net.Dialer{
		Timeout:   30 * time.Second,
		KeepAlive: 30 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: cannot read the address %q", ErrPrivateAddress, address)
			}
			if why := privateReason(ap.Addr()); why != "" {
				return refused(ap.Addr().String(), ap.Addr(), why)
			}
			return nil
		},
	}
	t.DialContext = d.DialContext
	return t
}()

// articleClient returns the client that fetches articles: the options'
// client (or http.DefaultClient), which, unless FetchPrivate, checks the
// host of every redirect, and, being annals's own, every connection.
func (o Options) articleClient() *http.Client {
	if o.FetchPrivate {
		return o.client()
	}
	var c http.Client
	if o.HTTPClient != nil {
		c = *o.HTTPClient
	} else {
		c.Transport = guardedTransport
	}
	next := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := checkURL(req.Context(), req.URL); err != nil {
			return fmt.Errorf("redirected to %s: %w", req.URL.Redacted(), err)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &c
}
