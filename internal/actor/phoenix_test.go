package actor

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"annals/internal/shared"
)

var update = flag.Bool("update", false, "rewrite derived tables under data/ from ../shared")

// phoenixTable is the agents table derived from the Phoenix agents
// dictionary (see TestPhoenixAgentsTable).
const phoenixTable = "data/phoenix_agents.tsv"

// phoenixSectors are the sector codes a derived agent may carry: the CAMEO
// sectors annals documents in data/agents.tsv, plus development (DEV).
// Agents with any other code (religions, "PPL" for "man"/"people", ethnic
// codes) are left out: they name no political actor by themselves.
var phoenixSectors = map[string]bool{
	"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "SPY": true,
	"REB": true, "INS": true, "SEP": true, "UAF": true, "OPP": true, "PTY": true,
	"CVL": true, "REF": true, "MED": true, "BUS": true, "ELI": true, "EDU": true,
	"HLH": true, "LAB": true, "CRM": true, "AGR": true, "ENV": true, "HRI": true,
	"DEV": true, "NGO": true,
}

// phoenixForm is a form worth keeping: letters, digits, spaces and a few
// marks, starting with a letter.
var phoenixForm = regexp.MustCompile(`^[a-z][a-z0-9 .'/&-]*$`)

// derivePhoenixAgents turns the Phoenix agents dictionary (PETRARCH
// format) into rows of the agents table: id, sector, forms. Forms that
// the hand-written agents table already has, or that contain one of its
// forms, are left to it.
func derivePhoenixAgents(t *testing.T, path string, known func(string) bool) []byte {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, errs := ImportPETRARCH(f, path)
	for _, err := range errs {
		t.Logf("phoenix: %v", err) // the source's own faults, reported and skipped
	}
	type row struct{ id, sector, forms string }
	var rows []row
	seen := map[string]bool{}
	ids := map[string]int{}
	for _, e := range entries {
		if e.Kind != KindAgent || !sectorsOK(e.Code) {
			continue
		}
		var forms []string
		for _, fm := range e.Forms {
			fm = strings.Join(strings.Fields(fm), " ")
			if !phoenixForm.MatchString(fm) || known(fm) || seen[fm] || badPlural(fm) {
				continue
			}
			seen[fm] = true
			forms = append(forms, fm)
		}
		if len(forms) == 0 {
			continue
		}
		id := "phoenix:" + strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(forms[0], "_"), "_")
		if ids[id]++; ids[id] > 1 {
			id = fmt.Sprintf("%s-%d", id, ids[id])
		}
		rows = append(rows, row{id, e.Code, strings.Join(forms, "|")})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].sector < rows[j].sector })
	var b bytes.Buffer
	b.WriteString(phoenixHeader)
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", r.id, r.sector, r.forms)
	}
	return b.Bytes()
}

// badPlural reports whether a form is a regular plural made from an
// irregular one ("policemens", "childrens"), which the importer makes
// when the dictionary gives the irregular plural as an entry of its own.
func badPlural(f string) bool {
	return strings.HasSuffix(f, "mens") || strings.HasSuffix(f, "mans") || strings.HasSuffix(f, "childs") || strings.HasSuffix(f, "childrens")
}

func sectorsOK(code string) bool {
	if code == "" || len(code)%3 != 0 {
		return false
	}
	for i := 0; i < len(code); i += 3 {
		if !phoenixSectors[code[i:i+3]] {
			return false
		}
	}
	return true
}

const phoenixHeader = `# annals actor knowledge base: agents derived from the Phoenix agents
# dictionary (../shared/data/phoenix/Phoenix.agents.txt, PETRARCH format) by
#
#     go test ./internal/actor -run TestPhoenixAgentsTable -update
#
# Kept: agents whose sector codes are all CAMEO sectors annals uses (see
# agents.tsv); forms lowercased, regular plurals made as PETRARCH makes them,
# substitution sets expanded; forms that agents.tsv has are left to it. Do not
# edit by hand: change the derivation in phoenix_test.go and regenerate.
#
# Source licence (MIT), as in the dictionary's header; see also
# LICENSE.phoenix beside this file:
#
# The MIT License (MIT)
#
# Copyright (c) 2014 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
# THE SOFTWARE.
#
# id	sector	forms
`

// TestPhoenixAgentsTable checks that data/phoenix_agents.tsv is what the
// derivation makes from the Phoenix dictionary in ../shared; with -update
// it rewrites the table.
func TestPhoenixAgentsTable(t *testing.T) {
	src := shared.Require(t, "data/phoenix/Phoenix.agents.txt")
	forms := map[string]bool{}
	kb, err := tablesKB([]string{"agents.tsv"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range kb.Entries(KindAgent) {
		e, _ := kb.Entry(id)
		for _, f := range e.Forms {
			forms[strings.ToLower(f)] = true
		}
	}
	known := func(f string) bool {
		// the form, or any run of its words, is a hand-written form
		// ("police chief", "minister of environment"): left to that
		// table, which codes the run and joins it with a country word
		w := strings.Fields(f)
		for i := range w {
			for j := i + 1; j <= len(w); j++ {
				if forms[strings.Join(w[i:j], " ")] {
					return true
				}
			}
		}
		return false
	}
	got := derivePhoenixAgents(t, src, known)
	if *update {
		if err := os.WriteFile(phoenixTable, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(phoenixTable)
	if err != nil {
		t.Fatalf("%v (run with -update to derive it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the derivation makes from %s: run go test ./internal/actor -run TestPhoenixAgentsTable -update and review the diff", phoenixTable, src)
	}
}
