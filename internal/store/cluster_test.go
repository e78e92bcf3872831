package store

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"annals/internal/text"
)

func TestRecluster(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	shell := func(id, url, src, srcCode, date string, negated bool) Doc {
		s := src + " shelled Ukraine."
		d := mkDoc(t, id, s, "2014-04-01", ev{typ: "ASSAULT", trigger: "shelled", src: src, srcCode: srcCode, tgt: "Ukraine", tgtCode: "UKR", date: date, quad: 4, goldstein: -9, negated: negated})
		d.URL = url
		return Doc{Doc: d, Key: "url:" + url, Source: "feed.xml#1"}
	}
	put(t, db,
		shell("a", "https://one.example/a", "Russia", "RUS", "2014-03-18", false),
		shell("b", "https://two.example/b", "Russia", "RUS", "2014-03", false),
		shell("c", "https://two.example/c", "Russia", "RUS", "2014-03-20", true),
		shell("d", "https://three.example/d", "Rebels", "UKRREB", "2014-03-19", false),
		shell("e", "https://one.example/e", "Russia", "RUS", "2016-07-02", false),
		shell("f", "https://one.example/f", "Russia", "RUS", "199X", false),
	)
	st, err := db.Recluster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// a, b, c overlap in March 2014; d names another source for the same
	// target, type and days; e stands alone; f's decade is too wide.
	if st.Events != 5 || st.Clusters != 2 || st.Disputed != 2 {
		t.Errorf("stats %+v, want 5 events, 2 clusters, 2 disputed", st)
	}
	cs, n, err := db.Clusters(ctx, false, Page{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || len(cs) != 2 {
		t.Fatalf("clusters: %+v", cs)
	}
	big := cs[0]
	if big.Source != "RUS" || big.Target != "UKR" || big.EventType != "ASSAULT" || big.Reports != 3 || big.Documents != 3 || big.Outlets != 2 {
		t.Errorf("cluster %+v", big)
	}
	if !reflect.DeepEqual(big.Events, []string{"a:0:0", "b:0:0", "c:0:0"}) || big.Date != "2014-03-01/2014-03-31" {
		t.Errorf("cluster events %v date %q", big.Events, big.Date)
	}
	if !big.Disputed || len(big.Conflicts) != 2 || !strings.HasPrefix(big.Conflicts[0], "polarity: 2 reports assert it, 1 deny") ||
		!strings.HasPrefix(big.Conflicts[1], "source: RUS also reported as UKRREB") {
		t.Errorf("conflicts %q", big.Conflicts)
	}
	small := cs[1]
	if small.Source != "UKRREB" || small.Reports != 1 || !small.Disputed {
		t.Errorf("the other-source cluster: %+v", small)
	}
	if _, n, _ := db.Clusters(ctx, true, Page{}); n != 2 {
		t.Errorf("disputed clusters: %d", n)
	}
	// Rebuilding gives the same clusters.
	if _, err := db.Recluster(ctx); err != nil {
		t.Fatal(err)
	}
	again, _, _ := db.Clusters(ctx, false, Page{})
	if !reflect.DeepEqual(again, cs) {
		t.Errorf("recluster is not stable:\n%+v\n%+v", cs, again)
	}
}

// TestReclusterNeedsCodedActors checks that reports meet in a cluster only
// through coded actors: two stories whose target is a bare sector (no
// country) do not form one.
func TestReclusterNeedsCodedActors(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	bare := func(id string) Doc {
		d := mkDoc(t, id, "Chile urged officials to resign.", "2021-05-03",
			ev{typ: "REQUEST", trigger: "urged", src: "Chile", srcCode: "CHL", tgt: "officials", tgtCode: "GOV", date: "2021-05-02", quad: 1, goldstein: -2})
		sector := text.Actor{Code: "GOV", Sector: []string{"GOV"}, Name: "officials", Kind: "agent"}
		d.Events[0].Target[0].Actor = sector
		d.Mentions[1].Actor = sector
		return Doc{Doc: d, Key: "hash:" + id, Source: "t"}
	}
	put(t, db, bare("g1"), bare("g2"))
	st, err := db.Recluster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Clusters != 0 {
		t.Errorf("stats %+v: reports met in a bare sector", st)
	}
}
