package event

import (
	"strings"
	"testing"
)

// TestDefaultRoles checks that the embedded role table loads.
func TestDefaultRoles(t *testing.T) {
	r, err := DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	if p, own := r.paths("ACCUSE", "", SlotTarget); !own || len(p) == 0 {
		t.Errorf("ACCUSE has no target row of its own")
	}
	if p, own := r.paths("ASSAULT", "", SlotTarget); own || len(p) == 0 {
		t.Errorf("ASSAULT: own=%v, %d paths; want the default row", own, len(p))
	}
}

// TestLoadRoles reads small tables: good rows give their paths in order,
// and each bad line is reported with its file:line and reason.
func TestLoadRoles(t *testing.T) {
	tests := []struct {
		name, table string
		class, mode string
		want        string // paths joined by ",", or the error wanted
	}{
		{"one row", "THREATEN\ttarget\tobl:against,obj/nmod:on,obj\n", "THREATEN", "", "obl:against,obj/nmod:on,obj"},
		{"mode before type", "AID\ttarget\tobj\nAID/humanitarian\ttarget\tobl:to,iobj\n", "AID", "humanitarian", "obl:to,iobj"},
		{"default", "*\ttarget\tccomp/nsubj\n", "CONSULT", "", "ccomp/nsubj"},
		{"subtype kept", "*\ttarget\tnmod:poss\n", "SANCTION", "", "nmod:poss"},
		{"unknown type", "# c\nBOGUS\ttarget\tobj\n", "", "", "t.tsv:2: unknown PLOVER event type"},
		{"unknown slot", "AID\tvictim\tobj\n", "", "", "t.tsv:1: unknown slot"},
		{"bad relation", "AID\ttarget\tobj,zzz:to\n", "", "", "t.tsv:1: path \"zzz:to\""},
		{"three steps", "AID\ttarget\tobj/nmod/nmod\n", "", "", "t.tsv:1: path"},
		{"twice", "AID\ttarget\tobj\n\nAID\ttarget\tiobj\n", "", "", "t.tsv:3: class AID slot target given twice"},
		{"fields", "AID\ttarget\n", "", "", "t.tsv:1: want 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := LoadRoles(strings.NewReader(tc.table), "t.tsv")
			if tc.class == "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("error %v, want one containing %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			paths, _ := r.paths(tc.class, tc.mode, SlotTarget)
			var got []string
			for _, p := range paths {
				got = append(got, p.String())
			}
			if s := strings.Join(got, ","); s != tc.want {
				t.Errorf("paths %s, want %s", s, tc.want)
			}
		})
	}
}
