package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// MaxClusterSpan is the widest event date (in days) that takes part in
// deduplication: a date known only to the decade overlaps too much to say
// that two reports are of the same event.
const MaxClusterSpan = 366

// ClusterStats summarizes a Recluster.
type ClusterStats struct {
	Events   int // dated events with a source and a target code, considered
	Clusters int // clusters kept: two reports or more, or disputed
	Disputed int
}

// codedArg is the SQL test that an event argument (event_args a) is a coded
// actor, as text.Actor.Coded decides it: a country, or an organization,
// group or person with a code. Clusters join reports only through such
// actors: a bare sector ("GOV", "COP") names nobody in particular, and
// unrelated stories would meet in it.
const codedArg = `coalesce(a.code, '') <> '' AND (coalesce(a.country, '') <> '' OR a.kind IN ('igo', 'organization', 'group', 'person'))`

// cev is an event as clustering sees it.
type cev struct {
	id, doc, typ, outlet, polarity string
	start, end                     time.Time
	srcs, tgts                     []string
}

// Recluster rebuilds the clusters: events of the same type with the same
// source and target code whose dates overlap are reports of one event (a
// chain of overlaps makes one cluster). A cluster is disputed when its
// reports disagree on polarity (asserted and negated), or when an
// overlapping cluster of the same type and target, from other documents,
// names another source (both dated to a month or closer).
// Clusters of one report are kept only when disputed.
func (s *DB) Recluster(ctx context.Context) (ClusterStats, error) {
	var st ClusterStats
	err := s.inTx(ctx, func(conn sqlConn) error {
		var err error
		st, err = recluster(ctx, conn, false)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("store %s: recluster: %w", s.path, err)
	}
	return st, nil
}

// fullShare: a refresh rebuilds an event type's clusters (or the
// summaries) in full when 1/fullShare or more of its pairs (of the
// actors) changed. 0 never does (for tests of the incremental path).
var fullShare = 4

// clusterable is the SQL test that an event (events e) takes part in
// clustering: dated, to a year or closer.
func clusterable(d dialect) string {
	return `e.date_start IS NOT NULL AND ` + d.days("e.date_start", "e.date_end") + ` <= ` + fmt.Sprint(MaxClusterSpan)
}

// loadEvents reads the events that take part in clustering, those for
// which the SQL test where holds (with its arguments args), by id.
func loadEvents(ctx context.Context, conn sqlConn, where string, args ...any) ([]cev, error) {
	// One row per argument of a dated event; the arguments are gathered
	// per event here, the same for both backends.
	rs, err := conn.QueryContext(ctx, `SELECT e.id, e.doc_id, e.event_type, e.polarity, e.date_start, e.date_end,
		coalesce(d.url, ''), coalesce(d.source, ''), a.role, coalesce(a.code, ''), coalesce(`+codedArg+`, false)
		FROM events e JOIN documents d ON d.id = e.doc_id JOIN event_args a ON a.event_id = e.id
		WHERE `+clusterable(conn.d)+` AND (`+where+`)
		ORDER BY e.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var evs []cev
	var cur *cev
	keep := func() {
		if cur != nil {
			cur.srcs, cur.tgts = sortedSet(cur.srcs), sortedSet(cur.tgts)
			if len(cur.srcs) > 0 && len(cur.tgts) > 0 {
				evs = append(evs, *cur)
			}
		}
	}
	for rs.Next() {
		var e cev
		var url, source, role, code string
		var coded bool
		if err := rs.Scan(&e.id, &e.doc, &e.typ, &e.polarity, &e.start, &e.end, &url, &source, &role, &code, &coded); err != nil {
			return nil, err
		}
		if cur == nil || cur.id != e.id {
			keep()
			e.outlet = outlet(url, source)
			cur = &e
		}
		if coded {
			if role == "source" {
				cur.srcs = append(cur.srcs, code)
			} else if role == "target" {
				cur.tgts = append(cur.tgts, code)
			}
		}
	}
	keep()
	return evs, rs.Err()
}

// recluster rebuilds the clusters within the transaction open on conn:
// all of them, or with incremental only those that the writes recorded
// in the dirty table may have changed.
//
// Clusters are made within a group of events of one type and one source
// and target code, and disputes are found between clusters of one type
// and target, so the clusters that a change can touch are those with
// events of the changed types and targets. Starting from the (type,
// target) pairs of the stored and deleted events, and from the clusters
// that lost reports, the events of those pairs are read, then the events
// of the pairs that those events name too, until no new pair comes up:
// the events read are then every report of every cluster they take part
// in, and of every cluster that could dispute one of those. Clustering
// them alone gives what clustering the whole store would give for them.
func recluster(ctx context.Context, conn sqlConn, incremental bool) (ClusterStats, error) {
	var st ClusterStats
	d := conn.d
	if !incremental {
		// A full rebuild clusters the events of one type at a time (a
		// cluster's reports are of one type, and so are disputes), so
		// that what is held at once is one type's events, not all.
		for _, q := range []string{"DELETE FROM cluster_events", "DELETE FROM clusters"} {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return st, err
			}
		}
		types, err := column1(ctx, conn, `SELECT DISTINCT coalesce(event_type, '') FROM events`)
		if err != nil {
			return st, err
		}
		for _, typ := range types {
			one, err := rebuildType(ctx, conn, typ, false)
			if err != nil {
				return st, err
			}
			st.Events += one.Events
			st.Clusters += one.Clusters
			st.Disputed += one.Disputed
		}
		return st, nil
	}
	pairs, err := dirtyValues(ctx, conn, "target", "a || chr(31) || b")
	if err != nil {
		return st, err
	}
	lost, err := dirtyValues(ctx, conn, "cluster", "a")
	if err != nil {
		return st, err
	}
	// One type at a time, as a full rebuild: the pairs of a type, and the
	// clusters of that type that lost reports.
	pairsOf, lostOf := map[string][]string{}, map[string][]string{}
	for _, p := range pairs {
		typ, _, _ := strings.Cut(p, "\x1f")
		pairsOf[typ] = append(pairsOf[typ], p)
	}
	if len(lost) > 0 {
		rs, err := conn.QueryContext(ctx, `SELECT event_type, id FROM clusters WHERE `+d.inList("id", "?"), lost)
		if err != nil {
			return st, err
		}
		for rs.Next() {
			var typ, id string
			if err := rs.Scan(&typ, &id); err != nil {
				rs.Close()
				return st, err
			}
			lostOf[typ] = append(lostOf[typ], id)
			if pairsOf[typ] == nil {
				pairsOf[typ] = []string{}
			}
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return st, err
		}
	}
	types := make([]string, 0, len(pairsOf))
	for typ := range pairsOf {
		types = append(types, typ)
	}
	sort.Strings(types)
	for _, typ := range types {
		// When the changed pairs are a good part of the type's, following
		// them costs more than clustering the whole type again.
		var all int
		err := conn.QueryRowContext(ctx, `SELECT count(DISTINCT t.k) FROM events x, unnest(x.tgt_codes) AS t(k)
			WHERE coalesce(x.event_type, '') = ?`, typ).Scan(&all)
		if err != nil {
			return st, err
		}
		if fullShare*len(pairsOf[typ]) >= all {
			one, err := rebuildType(ctx, conn, typ, true)
			if err != nil {
				return st, err
			}
			st.Events += one.Events
			continue
		}
		n, err := reclusterType(ctx, conn, pairsOf[typ], list(lostOf[typ]))
		if err != nil {
			return st, err
		}
		st.Events += n
	}
	// The counts are of the whole store, as a full rebuild gives them.
	err = conn.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE disputed) FROM clusters`).Scan(&st.Clusters, &st.Disputed)
	return st, err
}

// rebuildType clusters the events of type typ again, within the
// transaction open on conn, replacing the type's clusters (del) or
// adding to a table just emptied.
func rebuildType(ctx context.Context, conn sqlConn, typ string, del bool) (ClusterStats, error) {
	if del {
		for _, q := range []string{`DELETE FROM cluster_events WHERE cluster_id IN (SELECT id FROM clusters WHERE event_type = ?)`,
			`DELETE FROM clusters WHERE event_type = ?`} {
			if _, err := conn.ExecContext(ctx, q, typ); err != nil {
				return ClusterStats{}, err
			}
		}
	}
	evs, err := loadEvents(ctx, conn, `coalesce(e.event_type, '') = ?`, typ)
	if err != nil {
		return ClusterStats{}, err
	}
	return writeClusters(ctx, conn, evs)
}

// reclusterType clusters again, within the transaction open on conn, the
// events of one type that the changed (type, target) pairs (each "type
// \x1f target") and the clusters that lost reports reach (see
// recluster), and replaces the clusters they were in. It returns the
// number of events clustered.
func reclusterType(ctx context.Context, conn sqlConn, pairs, lost []string) (int, error) {
	d := conn.d
	seenPair := map[string]bool{}
	for _, p := range pairs {
		seenPair[p] = true
	}
	seen := map[string]bool{}
	var evs []cev
	byPair := `e.id IN (SELECT x.id FROM events x, unnest(x.tgt_codes) AS t(k)
		WHERE ` + d.inList("coalesce(x.event_type, '') || chr(31) || t.k", "?") + `)`
	first := true
	for len(pairs) > 0 || first {
		where, args := byPair, []any{list(pairs)}
		if first {
			where += ` OR e.id IN (SELECT event_id FROM cluster_events WHERE ` + d.inList("cluster_id", "?") + `)`
			args = append(args, lost)
			first = false
		}
		got, err := loadEvents(ctx, conn, where, args...)
		if err != nil {
			return 0, err
		}
		pairs = nil
		for _, e := range got {
			if seen[e.id] {
				continue
			}
			seen[e.id] = true
			evs = append(evs, e)
			for _, t := range e.tgts {
				if p := e.typ + "\x1f" + t; !seenPair[p] {
					seenPair[p] = true
					pairs = append(pairs, p)
				}
			}
		}
	}
	ids := make([]string, len(evs))
	for i, e := range evs {
		ids[i] = e.id
	}
	old, err := column1(ctx, conn, `SELECT DISTINCT cluster_id FROM cluster_events WHERE `+d.inList("event_id", "?"), ids)
	if err != nil {
		return 0, err
	}
	if gone := append(lost, old...); len(gone) > 0 {
		for _, q := range []string{"DELETE FROM cluster_events WHERE " + d.inList("cluster_id", "?"),
			"DELETE FROM clusters WHERE " + d.inList("id", "?")} {
			if _, err := conn.ExecContext(ctx, q, gone); err != nil {
				return 0, err
			}
		}
	}
	if _, err := writeClusters(ctx, conn, evs); err != nil {
		return 0, err
	}
	return len(evs), nil
}

// writeClusters clusters evs (every report of every cluster they take
// part in) and appends the clusters kept, within the transaction open on
// conn.
func writeClusters(ctx context.Context, conn sqlConn, evs []cev) (ClusterStats, error) {
	var st ClusterStats
	sort.Slice(evs, func(i, j int) bool { return evs[i].id < evs[j].id })
	st.Events = len(evs)
	clusters := clusterEvents(evs)

	cr := newRows("clusters", "id", "event_type", "source", "target", "date_start", "date_end", "reports", "documents",
		"outlets", "asserted", "negated", "disputed", "conflicts")
	ce := newRows("cluster_events", "cluster_id", "event_id")
	for _, c := range clusters {
		if len(c.members) < 2 && len(c.conflicts) == 0 {
			continue
		}
		st.Clusters++
		if len(c.conflicts) > 0 {
			st.Disputed++
		}
		cr.add(c.id, c.typ, c.src, c.tgt, c.start, c.end, len(c.members),
			c.docs, c.outlets, c.asserted, c.negated, len(c.conflicts) > 0, list(c.conflicts))
		for _, m := range c.members {
			ce.add(c.id, evs[m].id)
		}
	}
	return st, appendAll(ctx, conn, cr, ce)
}

// dirtyValues returns the distinct values of expression x (over columns
// a and b) of the dirty table's rows of kind.
func dirtyValues(ctx context.Context, conn sqlConn, kind, x string) ([]string, error) {
	return column1(ctx, conn, `SELECT DISTINCT `+x+` FROM dirty WHERE kind = ?`, kind)
}

// column1 returns the first column of the rows of query q, as text.
func column1(ctx context.Context, conn sqlConn, q string, args ...any) ([]string, error) {
	rs, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	out := []string{}
	for rs.Next() {
		var v string
		if err := rs.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rs.Err()
}

var (
	urlHost     = regexp.MustCompile(`^[A-Za-z]+://([^/:?#]+)`)
	sourcePlace = regexp.MustCompile(`[:#][0-9]+$`)
)

// outlet is the publisher of a document: the host of its URL, else the
// file it was read from (its source without ":line" or "#record").
func outlet(url, source string) string {
	if m := urlHost.FindStringSubmatch(url); m != nil && m[1] != "" {
		return m[1]
	}
	return sourcePlace.ReplaceAllString(source, "")
}

// sortedSet returns the distinct values of xs, sorted.
func sortedSet(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// cluster is a group of reports of one event.
type cluster struct {
	id, typ, src, tgt string
	start, end        time.Time
	members           []int // indexes into the events
	docs, outlets     int
	asserted, negated int
	conflicts         []string
}

// clusterEvents groups evs (sorted by id) into clusters, in a stable order.
func clusterEvents(evs []cev) []*cluster {
	parent := make([]int, len(evs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra != rb {
			if rb < ra {
				ra, rb = rb, ra
			}
			parent[rb] = ra
		}
	}
	// Group by (type, source, target); within a group, chain overlapping dates.
	groups := map[string][]int{}
	for i, e := range evs {
		for _, s := range e.srcs {
			for _, t := range e.tgts {
				k := e.typ + "\x00" + s + "\x00" + t
				groups[k] = append(groups[k], i)
			}
		}
	}
	for _, g := range groups {
		sweep(g, evs, func(a, b int) { union(a, b) })
	}
	byRoot := map[int]*cluster{}
	var out []*cluster
	for i := range evs {
		r := find(i)
		c := byRoot[r]
		if c == nil {
			c = &cluster{}
			byRoot[r] = c
			out = append(out, c)
		}
		c.members = append(c.members, i)
	}
	for _, c := range out {
		summarize(c, evs)
	}
	// Disagreement on the source: overlapping clusters of the same type and
	// target that name different sources.
	byTarget := map[string][]int{}
	for i, c := range out {
		k := c.typ + "\x00" + c.tgt
		byTarget[k] = append(byTarget[k], i)
	}
	for _, g := range byTarget {
		if len(g) < 2 {
			continue
		}
		sort.Slice(g, func(a, b int) bool { return out[g[a]].start.Before(out[g[b]].start) })
		for a := 0; a < len(g); a++ {
			ca := out[g[a]]
			if !narrow(ca) {
				continue
			}
			for b := a + 1; b < len(g) && !out[g[b]].start.After(ca.end); b++ {
				cb := out[g[b]]
				if cb.src != ca.src && narrow(cb) && !sameDocs(ca, cb, evs) {
					ca.conflicts = append(ca.conflicts, fmt.Sprintf("source: %s also reported as %s (cluster %s)", ca.src, cb.src, cb.id))
					cb.conflicts = append(cb.conflicts, fmt.Sprintf("source: %s also reported as %s (cluster %s)", cb.src, ca.src, ca.id))
				}
			}
		}
	}
	for _, c := range out {
		sort.Strings(c.conflicts)
	}
	return out
}

// MaxDisputeSpan is the widest cluster date span (in days) compared for a
// disagreement on the source: two reports dated only to the same year
// need not be about the same event.
const MaxDisputeSpan = 31

func narrow(c *cluster) bool { return c.end.Sub(c.start) <= MaxDisputeSpan*24*time.Hour }

// sameDocs reports whether two clusters come from the same single
// document: a text that names two sources for two acts does not disagree
// with itself.
func sameDocs(a, b *cluster, evs []cev) bool {
	doc := evs[a.members[0]].doc
	for _, c := range []*cluster{a, b} {
		for _, m := range c.members {
			if evs[m].doc != doc {
				return false
			}
		}
	}
	return true
}

// sweep calls join for consecutive members of g (indexes into evs) whose
// dates overlap the running span, so that chains of overlaps connect.
func sweep(g []int, evs []cev, join func(a, b int)) {
	sort.Slice(g, func(a, b int) bool {
		ea, eb := evs[g[a]], evs[g[b]]
		if !ea.start.Equal(eb.start) {
			return ea.start.Before(eb.start)
		}
		return g[a] < g[b]
	})
	var end time.Time
	for k, i := range g {
		e := evs[i]
		if k > 0 && !e.start.After(end) {
			join(g[k-1], i)
		}
		if k == 0 || e.end.After(end) {
			end = e.end
		}
	}
}

// summarize fills in a cluster's description from its members.
func summarize(c *cluster, evs []cev) {
	pairs, docs, outlets := map[string]int{}, map[string]bool{}, map[string]bool{}
	types := map[string]int{}
	for k, i := range c.members {
		e := evs[i]
		if k == 0 || e.start.Before(c.start) {
			c.start = e.start
		}
		if k == 0 || e.end.After(c.end) {
			c.end = e.end
		}
		for _, s := range e.srcs {
			for _, t := range e.tgts {
				pairs[s+"\x00"+t]++
			}
		}
		types[e.typ]++
		docs[e.doc] = true
		outlets[e.outlet] = true
		if e.polarity == "negated" {
			c.negated++
		} else {
			c.asserted++
		}
	}
	pair := mostCommon(pairs)
	c.src, c.tgt, _ = strings.Cut(pair, "\x00")
	c.typ = mostCommon(types)
	c.docs, c.outlets = len(docs), len(outlets)
	if c.asserted > 0 && c.negated > 0 {
		c.conflicts = append(c.conflicts, fmt.Sprintf("polarity: %d reports assert it, %d deny it", c.asserted, c.negated))
	}
	h := sha256.Sum256([]byte(c.typ + "|" + c.src + "|" + c.tgt + "|" + evs[c.members[0]].id))
	c.id = "c" + hex.EncodeToString(h[:6])
}

// mostCommon returns the most frequent key, the smallest on a tie.
func mostCommon(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}
