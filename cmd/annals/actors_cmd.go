package main

// Owned by the actors work: actors, eval actors, eval coref.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"annals/internal/actor"
	"annals/internal/coref"
	"annals/internal/depparse"
	"annals/internal/eval"
	"annals/internal/ner"
	"annals/internal/pipeline"
	"annals/internal/postag"
	"annals/internal/segment"
	"annals/internal/shared"
	"annals/internal/text"
)

// actorsPipeline builds the pipeline of annals actors and annals eval
// actors: the front of the coder (segmentation, tagger, parser, entity
// recognizer, knowledge-base actors, coreference) over the built-in
// knowledge base and the user's actor files. Problems in the files come
// back in loadErr (bad lines are skipped, the rest is loaded); a
// recognizer that cannot be loaded is left out and said so in note.
func actorsPipeline(files []string) (p *pipeline.Pipeline, loadErr, err error, note string) {
	var kb *actor.KB
	if len(files) == 0 {
		kb, loadErr = actor.Default()
	} else {
		kb, loadErr = actor.Load(files...)
	}
	if kb == nil {
		return nil, loadErr, nil, ""
	}
	tagger, err := postag.Load()
	if err != nil {
		return nil, loadErr, err, ""
	}
	parser, err := depparse.Load()
	if err != nil {
		return nil, loadErr, err, ""
	}
	stages := []pipeline.Stage{segment.New(), tagger, parser}
	if rec, err := ner.Load(); err != nil {
		note = fmt.Sprintf("entity recognizer left out: %v", err)
	} else {
		stages = append(stages, ner.NewStage(rec))
	}
	stages = append(stages, actor.NewStage(kb), coref.New(kb))
	p, err = pipeline.New(stages...)
	return p, loadErr, err, note
}

// mentionRecord is one line of annals actors.
type mentionRecord struct {
	DocID    string     `json:"doc_id"`
	Sentence int        `json:"sentence"`
	Text     string     `json:"text"`
	Start    int        `json:"start"`
	End      int        `json:"end"`
	Label    string     `json:"label"`
	Via      string     `json:"via"`
	Entry    string     `json:"entry"`
	Actor    text.Actor `json:"actor"`
	// Antecedent is the mention a pronoun or description refers back to.
	Antecedent *antecedentRecord `json:"antecedent,omitempty"`
}

// antecedentRecord is the mention a mentionRecord refers back to.
type antecedentRecord struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

func cmdActors(e *env, args []string) int {
	fs := newFlagSet(e, "actors", "[flags] [FILE|-]...",
		"Runs the front of the coder (segmenter, tagger, parser, entity recognizer,\n"+
			"actor knowledge base, coreference) and prints one JSON object a line for every\n"+
			"mention: doc_id, sentence, text, start and end (byte offsets), label, via (name,\n"+
			"alias, demonym, metonym, agent, description, pronoun), entry, the actor resolved\n"+
			"at the publication date and, for pronouns and descriptions, the antecedent.\n"+
			"Mentions nobody could resolve are printed with an empty actor code.\n"+
			"Files named *.jsonl are read as JSON lines. With no FILE, or FILE -, reads\n"+
			"standard input.")
	cf := codeFlags{cmd: "actors"}
	fs.StringVar(&cf.published, "published", "", "publication date `YYYY-MM-DD` for documents that do not give one (actors resolve at it)")
	fs.StringVar(&cf.input, "input", "auto", "input format: text (each file one document), jsonl (one {\"id\",\"text\",\"published\"?} a line), or auto (jsonl for *.jsonl files)")
	fs.IntVar(&cf.workers, "workers", 0, "documents processed in parallel (0: one per core)")
	fs.Var(&cf.actors, "actors", "actor `FILE` adding to or overriding the knowledge base: a TSV table or a PETRARCH dictionary (repeatable)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	pub, err := cf.check()
	if err != nil {
		return fs.usageError("%v", err)
	}
	p, loadErr, err, note := actorsPipeline(cf.actors)
	if p == nil || err != nil {
		fmt.Fprintf(e.stderr, "annals actors: %v\n", firstErr(err, loadErr))
		return exitUsage
	}
	if note != "" {
		fmt.Fprintf(e.stderr, "annals actors: %s\n", note)
	}
	failed := false
	if loadErr != nil {
		failed = true
		for _, line := range strings.Split(loadErr.Error(), "\n") {
			fmt.Fprintf(e.stderr, "annals actors: %s\n", line)
		}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	var werr error
	if runCoder(e, p, cf, pub, fs.Args(), func(d *text.Document) {
		for _, id := range d.MentionOrder() {
			m := d.Mentions[id]
			a := m.Actor
			if a.Sector == nil {
				a.Sector = []string{}
			}
			r := mentionRecord{DocID: d.ID, Sentence: int(m.Sentence), Text: d.Slice(m.Span), Start: m.Span.Start, End: m.Span.End,
				Label: string(m.Label), Via: m.Via, Entry: m.Entry, Actor: a}
			if k := m.Antecedent; k.Valid() && int(k) < len(d.Mentions) {
				s := d.Mentions[k].Span
				r.Antecedent = &antecedentRecord{Text: d.Slice(s), Start: s.Start, End: s.End}
			}
			if err := enc.Encode(r); err != nil && werr == nil {
				werr = err
			}
		}
	}) {
		failed = true
	}
	if werr != nil {
		fmt.Fprintf(e.stderr, "annals actors: %v\n", werr)
		failed = true
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return fmt.Errorf("no knowledge base")
}

// actorScore is the report of annals eval actors.
type actorScore struct {
	Gold        string      `json:"gold"`
	Records     int         `json:"records"`
	GoldActors  int         `json:"gold_actors"`
	Found       int         `json:"found"`
	Share       float64     `json:"share"`
	SourceGold  int         `json:"source_gold"`
	SourceFound int         `json:"source_found"`
	TargetGold  int         `json:"target_gold"`
	TargetFound int         `json:"target_found"`
	Exact       int         `json:"exact"`       // gold codes found whole, sectors included
	ExactShare  float64     `json:"exact_share"` // Exact over GoldActors
	KnownFaults int         `json:"records_with_known_faults"`
	Seconds     float64     `json:"seconds"`
	Misses      []actorMiss `json:"misses,omitempty"`
}

// actorMiss is a gold actor code not found in its sentence.
type actorMiss struct {
	ID    string   `json:"id"`
	Role  string   `json:"role"`
	Code  string   `json:"code"`
	Text  string   `json:"text"`
	Found []string `json:"found"`
}

// goldCodeFound reports whether gold code appears among actors: as an
// actor's country, or as the start of its code (IGO, NGO, IMG, a country).
func goldCodeFound(code string, actors []text.Actor) bool {
	if code == "" {
		return false
	}
	for _, a := range actors {
		if a.Country == code || strings.HasPrefix(a.Code, code) {
			return true
		}
	}
	return false
}

// exactCodeFound reports whether some actor's code is code, sectors and
// all ("IRQCOP" is not found by "IRQ" or "IRQCOPMIL").
func exactCodeFound(code string, actors []text.Actor) bool {
	for _, a := range actors {
		if a.Code == code {
			return true
		}
	}
	return false
}

// passageActors turns annotated passages into one record each with the
// distinct source and target codes of its events, for eval actors.
func passageActors(ps []eval.GoldPassage) []eval.GoldRecord {
	out := make([]eval.GoldRecord, 0, len(ps))
	for _, p := range ps {
		r := eval.GoldRecord{ID: p.ID, Text: p.Text}
		seen := map[string]bool{}
		for _, ev := range p.Events {
			for _, side := range []struct {
				role  string
				codes []string
				into  *[]eval.GoldActor
			}{{"s", ev.Source, &r.Source}, {"t", ev.Target, &r.Target}} {
				for _, c := range side.codes {
					if c == "" || seen[side.role+c] {
						continue
					}
					seen[side.role+c] = true
					*side.into = append(*side.into, eval.GoldActor{Code: c})
				}
			}
		}
		out = append(out, r)
	}
	return out
}

func cmdEvalActors(e *env, args []string) int {
	fs := newFlagSet(e, "eval actors", "[--gold FILE] [--json] [-v]",
		"The share of gold source and target actor codes that appear among the actors\n"+
			"found in their sentence (an actor matches when its country, or the start of its\n"+
			"code, is the gold code's country or whole code), and the share found whole,\n"+
			"sectors included (IRQCOP). The gold is PLOVER records or annotated passages.")
	def, _ := shared.Path("data/plover/plover_gsr_dev.jsonl")
	goldPath := fs.String("gold", def, "gold `FILE`: PLOVER gold records or annotated passages (one JSON a line)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	verbose := fs.BoolP("verbose", "v", false, "list every gold actor code not found, with the actors that were")
	workers := fs.Int("workers", 0, "records processed in parallel (0: one per core)")
	var actors stringList
	fs.Var(&actors, "actors", "actor `FILE` adding to the knowledge base (repeatable)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if *goldPath == "" {
		fmt.Fprintln(e.stderr, "annals eval actors: --gold FILE is required (../shared/data/plover/plover_gsr_dev.jsonl is not here)")
		return exitUsage
	}
	data, err := os.ReadFile(*goldPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval actors: %v\n", err)
		return exitUsage
	}
	var gold []eval.GoldRecord
	var errs []error
	isCountry := func(string) bool { return true }
	passages := eval.IsPassageFormat(firstLine(data))
	if passages {
		var ps []eval.GoldPassage
		ps, errs = eval.ReadPassages(bytes.NewReader(data), *goldPath)
		gold = passageActors(ps)
		if isCountry, err = countryCodes(); err != nil {
			fmt.Fprintf(e.stderr, "annals eval actors: %v\n", err)
			return exitUsage
		}
	} else {
		gold, errs = eval.ReadGold(bytes.NewReader(data), *goldPath)
	}
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "annals eval actors: %v\n", err)
	}
	p, loadErr, err, note := actorsPipeline(actors)
	if p == nil || err != nil {
		fmt.Fprintf(e.stderr, "annals eval actors: %v\n", firstErr(err, loadErr))
		return exitUsage
	}
	if note != "" {
		fmt.Fprintf(e.stderr, "annals eval actors: %s\n", note)
	}
	if loadErr != nil {
		fmt.Fprintf(e.stderr, "annals eval actors: %v\n", loadErr)
	}
	start := time.Now()
	found := make([][]text.Actor, len(gold))
	var failures []error
	docs := make(chan *text.Document)
	go func() {
		defer close(docs)
		for _, g := range gold {
			docs <- text.New(g.ID, g.Text)
		}
	}()
	_ = p.Run(context.Background(), *workers, docs, func(r pipeline.Result) {
		if r.Err != nil {
			failures = append(failures, r.Err)
			return
		}
		for _, m := range r.Doc.Mentions {
			found[r.Index] = append(found[r.Index], m.Actor)
		}
	})
	rep := actorScore{Gold: *goldPath, Records: len(gold), Seconds: time.Since(start).Seconds()}
	for i, g := range gold {
		if g.Problem != "" {
			rep.KnownFaults++
		}
		for _, role := range []struct {
			name   string
			actors []eval.GoldActor
			gold   *int
			found  *int
		}{{"source", g.Source, &rep.SourceGold, &rep.SourceFound}, {"target", g.Target, &rep.TargetGold, &rep.TargetFound}} {
			for _, a := range role.actors {
				if a.Code == "" {
					continue
				}
				*role.gold++
				full := a.Code + a.Sector
				if exactCodeFound(full, found[i]) {
					rep.Exact++
				}
				if goldCodeFound(eval.CountryLevel(full, isCountry), found[i]) {
					*role.found++
					continue
				}
				var codes []string
				for _, f := range found[i] {
					codes = append(codes, f.Code)
				}
				rep.Misses = append(rep.Misses, actorMiss{ID: g.ID, Role: role.name, Code: a.Code, Text: a.Text, Found: codes})
			}
		}
	}
	rep.GoldActors = rep.SourceGold + rep.TargetGold
	rep.Found = rep.SourceFound + rep.TargetFound
	if rep.GoldActors > 0 {
		rep.Share = float64(rep.Found) / float64(rep.GoldActors)
		rep.ExactShare = float64(rep.Exact) / float64(rep.GoldActors)
	}
	if !*verbose {
		rep.Misses = nil
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		fmt.Fprintf(e.stdout, "gold: %s\nrecords: %d (%d with known faults: missing source, string targets)\n", rep.Gold, rep.Records, rep.KnownFaults)
		fmt.Fprintf(e.stdout, "gold actor codes found in their sentence: %d/%d = %.1f%%\n", rep.Found, rep.GoldActors, 100*rep.Share)
		fmt.Fprintf(e.stdout, "  source: %d/%d   target: %d/%d\n", rep.SourceFound, rep.SourceGold, rep.TargetFound, rep.TargetGold)
		fmt.Fprintf(e.stdout, "gold codes found whole (country and sectors): %d/%d = %.1f%%\n", rep.Exact, rep.GoldActors, 100*rep.ExactShare)
		fmt.Fprintf(e.stdout, "time: %.2fs\n", rep.Seconds)
		for _, m := range rep.Misses {
			fmt.Fprintf(e.stdout, "miss %s %s %s %q; found %v\n", m.ID, m.Role, m.Code, m.Text, m.Found)
		}
	}
	for _, err := range failures {
		fmt.Fprintf(e.stderr, "annals eval actors: %v\n", err)
	}
	if len(errs) > 0 || len(failures) > 0 {
		return exitFailed
	}
	return exitOK
}
