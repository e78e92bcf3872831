package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"annals/internal/lexgen"
	"annals/internal/shared"
	"annals/internal/verbdict"
	"annals/internal/wordnet"
)

const (
	cameoVerbsFile = "data/phoenix/CAMEO.2.0.verbs.txt"
	ploverCodebook = "data/ngec_synthetic/PLOVER_structured_codebook_updated.csv"
)

// cmdTrainLexicon derives the default trigger table from the CAMEO verb
// dictionary, the PLOVER codebook and WordNet (see internal/lexgen).
func cmdTrainLexicon(e *env, args []string) int {
	fs := newFlagSet(e, "train lexicon", "[--verbs FILE] [--codebook FILE] [--wordnet DIR] [--out PATH] [--synonyms]",
		"Derives the default trigger table from the CAMEO verb dictionary, the PLOVER\n"+
			"codebook and WordNet (see internal/lexgen) and writes it.")
	verbs := fs.String("verbs", "", "CAMEO verb dictionary (default ../shared/"+cameoVerbsFile+")")
	codebook := fs.String("codebook", "", "PLOVER structured codebook CSV (default ../shared/"+ploverCodebook+"; \"none\" to leave it out)")
	wn := fs.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 database folder (scripts/wordnet.sh installs it)")
	out := fs.String("out", filepath.Join("internal", "event", "data", "lexicon.tsv"), "where to write the table (- for stdout)")
	synonyms := fs.Bool("synonyms", false, "also make a block's other verbs bare triggers when their usual sense agrees with it (looser)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	resolve := func(p, def string) (string, bool) {
		if p != "" {
			return p, true
		}
		sp, ok := shared.Path(def)
		if !ok {
			fmt.Fprintf(e.stderr, "annals train lexicon: ../shared/%s not found; give the file with a flag\n", def)
		}
		return sp, ok
	}
	vp, ok := resolve(*verbs, cameoVerbsFile)
	if !ok {
		return exitUsage
	}
	status := exitOK
	f, err := os.Open(vp)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train lexicon: %v\n", err)
		return exitFailed
	}
	dict, errs := verbdict.Parse(f, vp)
	f.Close()
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "annals train lexicon: %v\n", err)
		status = exitFailed
	}
	in := lexgen.Inputs{Verbs: dict, Synonyms: *synonyms}
	if *codebook != "none" {
		cp, ok := resolve(*codebook, ploverCodebook)
		if !ok {
			return exitUsage
		}
		f, err := os.Open(cp)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train lexicon: %v\n", err)
			return exitFailed
		}
		in.Codebook, err = lexgen.ReadCodebook(f, cp)
		f.Close()
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train lexicon: %v\n", err)
			status = exitFailed
		}
	}
	if in.WordNet, err = wordnet.Open(*wn); err != nil {
		fmt.Fprintf(e.stderr, "annals train lexicon: %v (install WordNet with scripts/wordnet.sh, or give --wordnet)\n", err)
		return exitFailed
	}
	if in.Supplement, err = lexgen.Supplement(); err != nil {
		fmt.Fprintf(e.stderr, "annals train lexicon: %v\n", err)
		return exitFailed
	}
	rows, err := lexgen.Derive(in)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train lexicon: %v\n", err)
		return exitFailed
	}
	var buf bytes.Buffer
	if err := lexgen.Write(&buf, rows); err != nil {
		fmt.Fprintf(e.stderr, "annals train lexicon: %v\n", err)
		return exitFailed
	}
	if *out == "-" {
		e.stdout.Write(buf.Bytes())
	} else if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(e.stderr, "annals train lexicon: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(e.stderr, "annals train lexicon: %d triggers from %d dictionary verbs, %d codebook rows\n", len(rows), len(dict.Verbs), len(in.Codebook))
	return status
}
