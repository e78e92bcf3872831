package main

// Owned by the linguistic-core work: parse, eval parse, train tagger|parser|lemmatizer|core.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"annals/internal/conllu"
	"annals/internal/depparse"
	"annals/internal/enhanced"
	"annals/internal/eval"
	"annals/internal/postag"
	"annals/internal/segment"
	"annals/internal/shared"
	"annals/internal/text"
	"annals/internal/wordclass"
)

// cmdParse tags and parses. With --conllu it keeps the file's tokenization
// (multi-word token lines and comments as they are) and fills UPOS, XPOS,
// LEMMA, HEAD and DEPREL, and DEPS with the enhanced graph built from
// the predicted tree (FEATS, which it does not predict, becomes "_").
// Without it, it reads raw text, segments it, and writes CoNLL-U with
// "# text" and each word's byte offsets in MISC.
func cmdParse(e *env, args []string) int {
	fs := newFlagSet(e, "parse", "[--conllu] [--tagger DIR] [--parser DIR] [FILE|-]",
		"Tags and parses text and writes CoNLL-U: with --conllu it reads CoNLL-U and keeps\n"+
			"its tokenization, filling UPOS, XPOS, LEMMA, HEAD and DEPREL; otherwise it reads\n"+
			"raw text, segments it, and writes \"# text\" lines and each word's byte offsets\n"+
			"in MISC. With no FILE, or FILE -, reads standard input.")
	isConllu := fs.Bool("conllu", false, "input is CoNLL-U: keep its tokenization")
	tagDir := fs.String("tagger", "", "tagger model folder (as written by annals train; default: the embedded model)")
	parseDir := fs.String("parser", "", "parser model folder (as written by annals train; default: the embedded model)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() > 1 {
		return fs.usageError("one FILE at most, got %q", fs.Args())
	}
	path := "-"
	if fs.NArg() == 1 {
		path = fs.Arg(0)
	}
	t, p, err := loadCore(*tagDir, *parseDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals parse: %v\n", err)
		return exitFailed
	}
	if !*isConllu {
		return parseRaw(e, t, p, path)
	}
	sents, ok := readConllu(e, path)
	// Sentences are independent: annotate them on every core, in order.
	var wg sync.WaitGroup
	var next atomic.Int64
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(sents); i = int(next.Add(1) - 1) {
				annotate(t, p, sents[i])
			}
		}()
	}
	wg.Wait()
	out := bufio.NewWriterSize(e.stdout, 1<<16)
	defer out.Flush()
	for _, s := range sents {
		if err := conllu.Write(out, s); err != nil {
			fmt.Fprintf(e.stderr, "annals parse: %v\n", err)
			return exitFailed
		}
	}
	if !ok {
		return exitFailed
	}
	return exitOK
}

// annotate fills the predicted columns of s's words.
func annotate(t *postag.Tagger, p *depparse.Parser, s *conllu.Sentence) {
	idx := s.Words()
	ws := make([]string, len(idx))
	for j, i := range idx {
		ws[j] = s.Lines[i].Form
	}
	tags := t.Tag(ws)
	xp := make([]string, len(tags))
	up := make([]text.POS, len(tags))
	for j := range tags {
		xp[j], up[j] = tags[j].XPOS, tags[j].UPOS
	}
	heads, rels, _ := p.Parse(ws, up, xp)
	for j, i := range idx {
		l := &s.Lines[i]
		l.UPOS, l.XPOS, l.Lemma = tags[j].UPOS.String(), tags[j].XPOS, tags[j].Lemma
		l.Head, l.Deprel = heads[j]+1, rels[j].String()
		l.Feats, l.Deps = "_", "_"
	}
	fillDeps(s)
}

// fillDeps writes the enhanced graph of s's basic tree into its DEPS
// column; s keeps "_" there when its tree cannot be read.
func fillDeps(s *conllu.Sentence) {
	doc, err := conllu.Document("", []*conllu.Sentence{s})
	if err != nil {
		return
	}
	doc.Graph = enhanced.Build(doc, nil)
	for j, i := range s.Words() {
		s.Lines[i].Deps = conllu.Deps(doc, text.TokenID(j))
	}
}

// readConllu reads a CoNLL-U file ("-" for stdin); errors in single
// sentences are reported and the rest kept.
func readConllu(e *env, path string) ([]*conllu.Sentence, bool) {
	var r io.Reader = e.stdin
	name := "<stdin>"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals: %v\n", err)
			return nil, false
		}
		defer f.Close()
		r, name = f, path
	}
	sents, err := conllu.ReadAll(bufio.NewReaderSize(r, 1<<20), name)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals: %v\n", err)
	}
	return sents, err == nil
}

// words returns the forms of the syntactic words of s.
func words(s *conllu.Sentence) []string {
	var w []string
	for _, i := range s.Words() {
		w = append(w, s.Lines[i].Form)
	}
	return w
}

func tagSentences(sents []*conllu.Sentence) []postag.Sentence {
	out := make([]postag.Sentence, 0, len(sents))
	for _, s := range sents {
		var ts postag.Sentence
		for _, i := range s.Words() {
			l := s.Lines[i]
			ts.Words = append(ts.Words, l.Form)
			ts.UPOS = append(ts.UPOS, l.UPOS)
			ts.XPOS = append(ts.XPOS, l.XPOS)
			ts.Lemmas = append(ts.Lemmas, l.Lemma)
		}
		out = append(out, ts)
	}
	return out
}

func ewtPath(split string) string {
	p, _ := shared.Path("data/ud_english_ewt/en_ewt-ud-" + split + ".conllu")
	return p
}

// cmdTrainCore trains the tagger (with the lemmatizer), the parser, or
// both ("core") from EWT train and reports accuracy on EWT dev.
func cmdTrainCore(e *env, model string, args []string) int {
	fs := newFlagSet(e, "train "+model, "[--train FILE] [--dev FILE] [flags]",
		"Trains the tagger (with the lemmatizer), the parser, or both (\"core\") from\n"+
			"UD English EWT and reports accuracy on EWT dev.")
	trainPath := fs.String("train", ewtPath("train"), "training treebank (CoNLL-U)")
	devPath := fs.String("dev", ewtPath("dev"), "development treebank for the report (CoNLL-U); empty for none")
	tagOut := fs.String("tagger-out", "internal/postag/model", "folder for the tagger's model files")
	parseOut := fs.String("parser-out", "internal/depparse/model", "folder for the parser's model file")
	tagEpochs := fs.Int("tagger-epochs", 10, "tagger training epochs")
	tagBi := fs.Bool("tagger-bidirectional", true, "also train a right-to-left tagger model and combine the two directions' scores")
	parseEpochs := fs.Int("parser-epochs", 15, "parser training epochs")
	parsePrune := fs.Float64("parser-prune", 0.015, "drop parser weights below this fraction of the largest (model size against accuracy)")
	ensemble := fs.Int("parser-ensemble", 1, "train this many parsers on different orders of the data (seeds SEED, SEED+1, …, on every core) and average their weights into one model")
	snapshots := fs.String("parser-snapshots", "", "comma-separated epochs after which to also write the parser so far, to PARSER-OUT/epochN (for choosing the number of epochs on dev)")
	jackOut := fs.String("jackknifed-out", "", "also write the parser's training sentences with their jackknifed tags to this CoNLL-U file (reuse it with --train FILE --folds 0)")
	folds := fs.Int("folds", 5, "jackknife folds for the parser's training tags (0: gold tags)")
	seed := fs.Uint64("seed", 1, "random seed")
	limit := fs.Int("limit", 0, "use only the first N training sentences (0: all)")
	gum := fs.Bool("gum", false, "also train on GUM's train split (../shared/data/gum), news documents excluded so that they stay out of domain")
	classesFlag := fs.String("classes", "", "word classes for the tagger's features: \"induce\" (from the training text and the NGEC synthetic stories; the default for core), a table FILE (the default for tagger and parser: the tagger's classes.tsv), or \"none\"")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if *classesFlag == "" {
		*classesFlag = filepath.Join(*tagOut, "classes.tsv")
		if model == "core" {
			*classesFlag = "induce"
		}
	}
	if *trainPath == "" {
		fmt.Fprintln(e.stderr, "annals train: no training data: pass --train FILE (EWT is looked for in ../shared/data)")
		return exitUsage
	}
	train, ok := readConllu(e, *trainPath)
	if !ok {
		return exitFailed
	}
	if *limit > 0 && *limit < len(train) {
		train = train[:*limit]
	}
	if *gum {
		extra, err := gumTrain(e)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train: %v\n", err)
			return exitFailed
		}
		train = append(train, extra...)
	}
	var dev []*conllu.Sentence
	if *devPath != "" {
		if dev, ok = readConllu(e, *devPath); !ok {
			return exitFailed
		}
	}
	// The trainers hold millions of small weight slices: collecting
	// garbage less often saves a fifth of the training time, for memory
	// this machine has.
	debug.SetGCPercent(400)
	start := time.Now()
	// The parser alone needs the classes only for its jackknifing taggers.
	if model == "parser" && *folds <= 1 {
		*classesFlag = "none"
	}
	classes, err := trainClasses(e, *classesFlag, train, *seed)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train: word classes: %v\n", err)
		return exitFailed
	}
	// The tagger's folder gets the table its model is trained with.
	if model != "parser" {
		if err := writeClasses(classes, *tagOut); err != nil {
			fmt.Fprintf(e.stderr, "annals train: %v\n", err)
			return exitFailed
		}
		if *classesFlag == "induce" {
			fmt.Fprintf(e.stdout, "word classes: %d words in %s, written to %s\n", classes.Len(), time.Since(start).Round(time.Millisecond), *tagOut)
		}
	}
	if model == "tagger" || model == "lemmatizer" || model == "core" {
		t, err := postag.Train(tagSentences(train), postag.TrainOptions{Epochs: *tagEpochs, Seed: *seed, Classes: classes, Bidirectional: *tagBi, Log: e.stderr})
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train: %v\n", err)
			return exitFailed
		}
		if err := writeTagger(t, *tagOut); err != nil {
			fmt.Fprintf(e.stderr, "annals train: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "tagger: trained on %d sentences in %s, written to %s\n", len(train), time.Since(start).Round(time.Millisecond), *tagOut)
		if dev != nil {
			m := evalTagging(t, dev)
			fmt.Fprintf(e.stdout, "tagger dev: UPOS %.2f XPOS %.2f lemma %.2f\n", m.pct(m.upos), m.pct(m.xpos), m.pct(m.lemma))
		}
	}
	if model == "parser" || model == "core" {
		pstart := time.Now()
		psents, err := parseSentences(train)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train: %v\n", err)
			return exitFailed
		}
		if *folds > 1 {
			jackknife(e, train, psents, *folds, postag.TrainOptions{Epochs: *tagEpochs, Seed: *seed, Classes: classes, Bidirectional: *tagBi})
			if *jackOut != "" {
				if err := writeJackknifed(*jackOut, train, psents); err != nil {
					fmt.Fprintf(e.stderr, "annals train: %v\n", err)
					return exitFailed
				}
			}
		}
		popt := depparse.TrainOptions{Epochs: *parseEpochs, Seed: *seed, Prune: *parsePrune, Ensemble: *ensemble, Log: e.stderr}
		for _, f := range strings.Split(*snapshots, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil {
				popt.Snapshots = append(popt.Snapshots, n)
			}
		}
		popt.OnEpoch = func(ep int, p *depparse.Parser) {
			dir := filepath.Join(*parseOut, "epoch"+strconv.Itoa(ep))
			if err := writeParser(p, dir); err != nil {
				fmt.Fprintf(e.stderr, "annals train: snapshot: %v\n", err)
			}
		}
		p, err := depparse.Train(psents, popt)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train: %v\n", err)
			return exitFailed
		}
		if err := writeParser(p, *parseOut); err != nil {
			fmt.Fprintf(e.stderr, "annals train: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "parser: trained on %d sentences in %s, written to %s\n", len(train), time.Since(pstart).Round(time.Millisecond), *parseOut)
		if dev != nil {
			t, err := postag.Load()
			if model == "core" || err != nil {
				t, err = readTagger(*tagOut)
			}
			if err != nil {
				fmt.Fprintf(e.stderr, "annals train: tagger for the dev report: %v\n", err)
				return exitFailed
			}
			r := evaluate(t, p, dev, false, false)
			fmt.Fprintf(e.stdout, "parser dev (predicted tags): UAS %.2f LAS %.2f\n", r.pct(r.uas), r.pct(r.las))
		}
	}
	return exitOK
}

// gumTrain reads the documents of GUM's train split (as listed in its
// splits.md), leaving out the news genre.
func gumTrain(e *env) ([]*conllu.Sentence, error) {
	dir, ok := shared.Path("data/gum")
	if !ok {
		return nil, fmt.Errorf("--gum: ../shared/data/gum is absent")
	}
	splits, err := os.ReadFile(filepath.Join(dir, "splits.md"))
	if err != nil {
		return nil, fmt.Errorf("--gum: %w", err)
	}
	var out []*conllu.Sentence
	section := ""
	for _, line := range strings.Split(string(splits), "\n") {
		line = strings.TrimSpace(line)
		if h, ok := strings.CutPrefix(line, "## "); ok {
			section = strings.TrimSpace(h)
			continue
		}
		doc, ok := strings.CutPrefix(line, "* ")
		if !ok || section != "train" || strings.HasPrefix(doc, "GUM_news_") {
			continue
		}
		p := filepath.Join(dir, "dep", strings.TrimSpace(doc)+".conllu")
		if _, err := os.Stat(p); err != nil {
			continue // a genre without a commercial license, not in this copy
		}
		s, ok := readConllu(e, p)
		if !ok {
			return nil, fmt.Errorf("--gum: %s unreadable", p)
		}
		out = append(out, s...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--gum: no train documents found in %s", dir)
	}
	return out, nil
}

// loadCore returns the tagger and parser read from model folders, or the
// embedded ones for empty names.
func loadCore(tagDir, parseDir string) (*postag.Tagger, *depparse.Parser, error) {
	var t *postag.Tagger
	var err error
	if tagDir == "" {
		t, err = postag.Load()
	} else {
		t, err = readTagger(tagDir)
	}
	if err != nil {
		return nil, nil, err
	}
	var p *depparse.Parser
	if parseDir == "" {
		p, err = depparse.Load()
	} else {
		p, err = readParser(parseDir)
	}
	if err != nil {
		return nil, nil, err
	}
	return t, p, nil
}

func readParser(dir string) (*depparse.Parser, error) {
	f, err := os.Open(filepath.Join(dir, "parser.bin"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return depparse.Read(f)
}

func readTagger(dir string) (*postag.Tagger, error) {
	var files [6]*os.File
	for i, name := range []string{"tagger.bin", "tagger-back.bin", "tagdict.tsv", "lexicon.tsv", "lemma.tsv", "classes.tsv"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil && i != 1 { // a tagger may have no right-to-left model
			return nil, err
		}
		if err != nil {
			continue
		}
		defer f.Close()
		files[i] = f
	}
	fs := postag.Files{Model: files[0], Dict: files[2], Lexicon: files[3], Lemmas: files[4], Classes: files[5]}
	if files[1] != nil {
		fs.Back = files[1]
	}
	return postag.Read(fs)
}

// trainClasses returns the word classes the models are trained with:
// induced (from the words of train and the NGEC synthetic stories,
// segmented), read from a table file, or none.
func trainClasses(e *env, how string, train []*conllu.Sentence, seed uint64) (*wordclass.Table, error) {
	switch how {
	case "none":
		return nil, nil
	case "induce":
	default:
		f, err := os.Open(how)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return wordclass.Read(f)
	}
	// The training sentences (with --gum, GUM's train documents outside
	// the news genre too) and the NGEC stories: no development or test
	// text of EWT or GUM.
	var corpus [][]string
	for _, s := range train {
		corpus = append(corpus, words(s))
	}
	stories, err := ngecStories()
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train: word classes without the NGEC stories: %v\n", err)
	}
	seg := segment.New()
	for i, st := range stories {
		doc := text.New("ngec"+strconv.Itoa(i), st)
		if err := seg.Process(doc); err != nil {
			continue
		}
		for _, sn := range doc.Sentences {
			var ws []string
			for t := sn.First; t < sn.End; t++ {
				ws = append(ws, doc.TokenText(t))
			}
			corpus = append(corpus, ws)
		}
	}
	n := 0
	for _, s := range corpus {
		n += len(s)
	}
	fmt.Fprintf(e.stderr, "word classes: inducing from %d sentences, %d words\n", len(corpus), n)
	return wordclass.Induce(corpus, wordclass.Options{Seed: seed}), nil
}

// ngecStories returns the texts of the NGEC synthetic stories (MIT
// licensed fiction written by a language model, news-like in style).
func ngecStories() ([]string, error) {
	path, ok := shared.Path("data/ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip")
	if !ok {
		return nil, fmt.Errorf("../shared/data/ngec_synthetic is absent")
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	var out []string
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".csv") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, f.Name, err)
		}
		cr := csv.NewReader(rc)
		cr.FieldsPerRecord = -1
		col := -1
		for line := 1; ; line++ {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				rc.Close()
				return out, fmt.Errorf("%s: %s record %d: %w", path, f.Name, line, err)
			}
			if col < 0 {
				col = slices.Index(rec, "text")
				if col < 0 {
					rc.Close()
					return nil, fmt.Errorf("%s: %s: no text column", path, f.Name)
				}
				continue
			}
			if col < len(rec) {
				out = append(out, rec[col])
			}
		}
		rc.Close()
	}
	return out, nil
}

// writeParser writes p's model file to dir.
func writeParser(p *depparse.Parser, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := p.Write(&b); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "parser.bin"), b.Bytes(), 0o644)
}

// writeClasses writes t (an empty table for nil) to dir/classes.tsv.
func writeClasses(t *wordclass.Table, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if t == nil {
		t = wordclass.Empty(4)
	}
	var b bytes.Buffer
	if err := t.Write(&b); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "classes.tsv"), b.Bytes(), 0o644)
}

// parseSentences converts CoNLL-U sentences to parser training sentences
// with gold tags.
func parseSentences(sents []*conllu.Sentence) ([]depparse.Sentence, error) {
	out := make([]depparse.Sentence, 0, len(sents))
	for _, s := range sents {
		var ps depparse.Sentence
		for _, i := range s.Words() {
			l := s.Lines[i]
			r, err := text.ParseDepRel(l.Deprel)
			if err != nil {
				return nil, fmt.Errorf("sentence at line %d word %d: %w", s.Line, l.ID, err)
			}
			u, err := text.ParsePOS(l.UPOS)
			if err != nil {
				return nil, fmt.Errorf("sentence at line %d word %d: %w", s.Line, l.ID, err)
			}
			ps.Words = append(ps.Words, l.Form)
			ps.Tags = append(ps.Tags, l.XPOS)
			ps.UPOS = append(ps.UPOS, u)
			ps.Heads = append(ps.Heads, l.Head-1)
			ps.Rels = append(ps.Rels, r)
		}
		out = append(out, ps)
	}
	return out, nil
}

// writeJackknifed writes train with the XPOS column replaced by the tags
// in psents.
func writeJackknifed(path string, train []*conllu.Sentence, psents []depparse.Sentence) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i, s := range train {
		c := *s
		c.Lines = append([]conllu.Line(nil), s.Lines...)
		for j, k := range c.Words() {
			c.Lines[k].XPOS = psents[i].Tags[j]
			c.Lines[k].UPOS = psents[i].UPOS[j].String()
		}
		if err := conllu.Write(w, &c); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// jackknife replaces the gold tags of psents with tags predicted by
// taggers trained on the other folds, so that the parser learns from tags
// as noisy as the ones it will see.
func jackknife(e *env, train []*conllu.Sentence, psents []depparse.Sentence, folds int, opt postag.TrainOptions) {
	tsents := tagSentences(train)
	n := len(train)
	// Folds are independent (each tags its own sentences): train them on
	// every core. The result does not depend on their order.
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for k := 0; k < folds; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			lo, hi := k*n/folds, (k+1)*n/folds
			rest := append(append([]postag.Sentence(nil), tsents[:lo]...), tsents[hi:]...)
			t, err := postag.Train(rest, opt)
			if err != nil {
				mu.Lock()
				fmt.Fprintf(e.stderr, "annals train: jackknife fold %d: %v (keeping gold tags)\n", k+1, err)
				mu.Unlock()
				return
			}
			for i := lo; i < hi; i++ {
				tags := t.Tag(psents[i].Words)
				for j := range tags {
					psents[i].Tags[j] = tags[j].XPOS
					psents[i].UPOS[j] = tags[j].UPOS
				}
			}
			mu.Lock()
			fmt.Fprintf(e.stderr, "jackknife fold %d/%d tagged\n", k+1, folds)
			mu.Unlock()
		}()
	}
	wg.Wait()
}

func writeTagger(t *postag.Tagger, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var m, b, d, x, l bytes.Buffer
	if err := t.Write(&m, &b, &d, &x, &l); err != nil {
		return err
	}
	for name, b := range map[string][]byte{"tagger.bin": m.Bytes(), "tagger-back.bin": b.Bytes(), "tagdict.tsv": d.Bytes(), "lexicon.tsv": x.Bytes(), "lemma.tsv": l.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

type scores struct {
	tokens, upos, xpos, lemma, uas, las int
	errors                              map[string]int     // error type → count
	trees                               []*conllu.Sentence // the sentences as tagged and parsed (when kept)
}

func (s scores) pct(n int) float64 { return 100 * float64(n) / float64(max(s.tokens, 1)) }

// tag counts one word whose gold line is l, tagged as got.
func (sc *scores) tag(got postag.Tag, l conllu.Line) {
	sc.tokens++
	if got.UPOS.String() == l.UPOS {
		sc.upos++
	}
	if got.XPOS == l.XPOS {
		sc.xpos++
	}
	if got.Lemma == l.Lemma {
		sc.lemma++
	}
}

func evalTagging(t *postag.Tagger, sents []*conllu.Sentence) scores {
	var sc scores
	for _, s := range sents {
		tags := t.Tag(words(s))
		for j, i := range s.Words() {
			l := s.Lines[i]
			sc.tag(tags[j], l)
		}
	}
	return sc
}

// evaluate tags and parses sents with t and p and scores them against
// their gold columns. UAS and LAS count every word, punctuation included;
// LAS compares the universal part of the relation (CoNLL 2018).
func evaluate(t *postag.Tagger, p *depparse.Parser, sents []*conllu.Sentence, goldTags, keep bool) scores {
	sc := scores{errors: map[string]int{}}
	for _, s := range sents {
		ws := words(s)
		tags := t.Tag(ws)
		xp := make([]string, len(tags))
		up := make([]text.POS, len(tags))
		for j, i := range s.Words() {
			xp[j], up[j] = tags[j].XPOS, tags[j].UPOS
			if goldTags {
				xp[j] = s.Lines[i].XPOS
				up[j], _ = text.ParsePOS(s.Lines[i].UPOS)
			}
		}
		heads, rels, _ := p.Parse(ws, up, xp)
		if keep {
			c := *s
			c.Lines = append([]conllu.Line(nil), s.Lines...)
			for j, i := range s.Words() {
				l := &c.Lines[i]
				l.UPOS, l.XPOS, l.Lemma = up[j].String(), xp[j], tags[j].Lemma
				l.Head, l.Deprel = heads[j]+1, rels[j].String()
			}
			sc.trees = append(sc.trees, &c)
		}
		for j, i := range s.Words() {
			l := s.Lines[i]
			sc.tag(tags[j], l)
			g, _ := text.ParseDepRel(l.Deprel)
			switch {
			case heads[j]+1 != l.Head:
				sc.errors["wrong head: "+g.Base().String()]++
			case rels[j].Base() != g.Base():
				sc.uas++
				sc.errors["wrong label: "+g.Base().String()+" as "+rels[j].Base().String()]++
			default:
				sc.uas++
				sc.las++
			}
		}
	}
	return sc
}

func cmdEvalParse(e *env, args []string) int {
	fs := newFlagSet(e, "eval parse", "--conllu FILE [--json] [--errors N] [--gold-tags]",
		"Parses a gold CoNLL-U file and reports tagging accuracy and attachment scores\n"+
			"(UAS, LAS).")
	path := fs.String("conllu", "", "gold CoNLL-U file (\"-\" for stdin)")
	asJSON := fs.Bool("json", false, "print the figures as one JSON object")
	nErr := fs.Int("errors", 0, "also list the N most frequent error types (by gold relation)")
	graph := fs.Bool("enhanced", false, "also score the enhanced graph against the file's DEPS column (ELAS): built from the gold trees, from the predicted trees, and the predicted basic tree copied as a baseline")
	goldTags := fs.Bool("gold-tags", false, "parse with the file's gold UPOS and XPOS instead of predicted tags (to measure what tagging errors cost)")
	tagDir := fs.String("tagger", "", "tagger model folder (as written by annals train; default: the embedded model)")
	parseDir := fs.String("parser", "", "parser model folder (as written by annals train; default: the embedded model)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if *path == "" {
		return fs.usageError("--conllu FILE is required")
	}
	start := time.Now()
	t, p, err := loadCore(*tagDir, *parseDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval parse: %v\n", err)
		return exitFailed
	}
	load := time.Since(start)
	sents, ok := readConllu(e, *path)
	t0 := time.Now()
	sc := evaluate(t, p, sents, *goldTags, *graph)
	el := time.Since(t0)
	res := struct {
		File        string  `json:"file"`
		Sentences   int     `json:"sentences"`
		Tokens      int     `json:"tokens"`
		UPOS        float64 `json:"upos"`
		XPOS        float64 `json:"xpos"`
		Lemma       float64 `json:"lemma"`
		UAS         float64 `json:"uas"`
		LAS         float64 `json:"las"`
		TokensPerS  float64 `json:"tokens_per_second"`
		LoadSeconds float64 `json:"load_seconds"`
		GoldTags    bool    `json:"gold_tags"`
		// with --enhanced
		ELASGoldTrees  *float64 `json:"elas_gold_trees,omitempty"`
		ELAS           *float64 `json:"elas,omitempty"`
		ELASBasic      *float64 `json:"elas_basic_copied,omitempty"`
		GraphWordsPerS *float64 `json:"graph_words_per_second,omitempty"`
	}{*path, len(sents), sc.tokens, sc.pct(sc.upos), sc.pct(sc.xpos), sc.pct(sc.lemma), sc.pct(sc.uas), sc.pct(sc.las),
		float64(sc.tokens) / el.Seconds(), load.Seconds(), *goldTags, nil, nil, nil, nil}
	var gs graphScores
	if *graph {
		gs = evalGraph(sents, sc.trees)
		ok = ok && gs.err == nil
		if gs.err != nil {
			fmt.Fprintf(e.stderr, "annals eval parse: %v\n", gs.err)
		}
	}
	if *asJSON {
		if *graph {
			res.ELASGoldTrees, res.ELAS, res.ELASBasic = ptr(100*gs.gold.F1()), ptr(100*gs.pred.F1()), ptr(100*gs.basic.F1())
			res.GraphWordsPerS = ptr(gs.wordsPerS)
		}
		b, _ := json.Marshal(res)
		fmt.Fprintf(e.stdout, "%s\n", b)
	} else {
		tagsFrom := "predicted tags"
		if *goldTags {
			tagsFrom = "gold tags for parsing"
		}
		fmt.Fprintf(e.stdout, "%s: %d sentences, %d words (gold tokenization, %s)\n", res.File, res.Sentences, res.Tokens, tagsFrom)
		fmt.Fprintf(e.stdout, "UPOS  %6.2f\nXPOS  %6.2f\nlemma %6.2f\nUAS   %6.2f\nLAS   %6.2f\n", res.UPOS, res.XPOS, res.Lemma, res.UAS, res.LAS)
		fmt.Fprintf(e.stdout, "speed %.0f words/s tagging and parsing; models loaded in %s\n", res.TokensPerS, load.Round(time.Millisecond))
		if *graph {
			for _, x := range []struct {
				name string
				c    eval.Counts
			}{{"ELAS, graph from gold trees     ", gs.gold}, {"ELAS, graph from predicted trees", gs.pred}, {"ELAS, predicted tree copied     ", gs.basic}} {
				fmt.Fprintf(e.stdout, "%s %6.2f  (P %.2f R %.2f; %d gold arcs)\n", x.name, 100*x.c.F1(), 100*x.c.Precision(), 100*x.c.Recall(), x.c.TP+x.c.FN)
			}
			fmt.Fprintf(e.stdout, "speed %.0f words/s building the enhanced graph (%s)\n", gs.wordsPerS, enhanced.Version)
		}
	}
	if *nErr > 0 {
		type kv struct {
			k string
			n int
		}
		var errs []kv
		for k, n := range sc.errors {
			errs = append(errs, kv{k, n})
		}
		slices.SortFunc(errs, func(a, b kv) int {
			if a.n != b.n {
				return b.n - a.n
			}
			return strings.Compare(a.k, b.k)
		})
		fmt.Fprintf(e.stdout, "most frequent errors (of %d words):\n", sc.tokens)
		for _, x := range errs[:min(*nErr, len(errs))] {
			fmt.Fprintf(e.stdout, "%6d  %5.2f%%  %s\n", x.n, sc.pct(x.n), x.k)
		}
	}
	if !ok {
		return exitFailed
	}
	return exitOK
}

// parseRaw segments raw text, then tags and parses it, and writes
// CoNLL-U: one sentence per segmenter sentence, "# text" with its line
// breaks as spaces, and each word's byte range in MISC (TokenRange=S:E,
// half-open, into the input) with SpaceAfter=No where no space follows.
func parseRaw(e *env, t *postag.Tagger, p *depparse.Parser, path string) int {
	var src []byte
	var err error
	if path == "-" {
		src, err = io.ReadAll(e.stdin)
	} else {
		src, err = os.ReadFile(path)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "annals parse: %v\n", err)
		return exitFailed
	}
	doc := text.New(path, string(src))
	seg := segment.New()
	for _, st := range []interface{ Process(*text.Document) error }{seg, t, p, enhanced.New()} {
		if err := st.Process(doc); err != nil {
			fmt.Fprintf(e.stderr, "annals parse: %s: %v\n", path, err)
			return exitFailed
		}
	}
	// Written words that UD splits ("don't" = "do" + "n't") become
	// multi-word token lines; the segmenter marks the attached pieces.
	attached := map[int]bool{}
	for _, pc := range seg.Pieces(doc.Text) {
		if pc.Attached {
			attached[pc.Start] = true
		}
	}
	spaceAfter := func(i, end text.TokenID) string {
		if i+1 < end && doc.Tokens[i+1].Start == doc.Tokens[i].End {
			return "|SpaceAfter=No"
		}
		return ""
	}
	out := bufio.NewWriterSize(e.stdout, 1<<16)
	defer out.Flush()
	for si, sent := range doc.Sentences {
		cs := &conllu.Sentence{Comments: []string{
			"# sent_id = " + strconv.Itoa(si+1),
			"# text = " + strings.Join(strings.Fields(doc.SentenceText(text.SentenceID(si))), " "),
		}}
		for i := sent.First; i < sent.End; i++ {
			tok := doc.Tokens[i]
			inMWT := attached[tok.Start] && i > sent.First
			last := i
			for last+1 < sent.End && attached[doc.Tokens[last+1].Start] && doc.Tokens[last+1].Start == doc.Tokens[last].End {
				last++
			}
			if last > i && !inMWT {
				cs.Lines = append(cs.Lines, conllu.Line{
					Kind: conllu.MultiWord, ID: int(i-sent.First) + 1, Sub: int(last-sent.First) + 1,
					Form: conllu.Field(doc.Text[tok.Start:doc.Tokens[last].End]), Lemma: "_", UPOS: "_", XPOS: "_", Feats: "_",
					Head: conllu.NoHead, Deprel: "_", Deps: "_",
					Misc: fmt.Sprintf("TokenRange=%d:%d", tok.Start, doc.Tokens[last].End) + spaceAfter(last, sent.End),
				})
			}
			misc := fmt.Sprintf("TokenRange=%d:%d", tok.Start, tok.End)
			if last == i && !inMWT {
				misc += spaceAfter(i, sent.End)
			}
			head := 0
			if tok.Head != text.NoToken {
				head = int(tok.Head-sent.First) + 1
			}
			cs.Lines = append(cs.Lines, conllu.Line{
				Kind: conllu.Word, ID: int(i-sent.First) + 1,
				Form: conllu.Field(doc.TokenText(i)), Lemma: conllu.Field(tok.Lemma),
				UPOS: tok.UPOS.String(), XPOS: tok.XPOS, Feats: "_",
				Head: head, Deprel: tok.Dep.String(), Deps: conllu.Deps(doc, i), Misc: misc,
			})
		}
		if err := conllu.Write(out, cs); err != nil {
			fmt.Fprintf(e.stderr, "annals parse: %v\n", err)
			return exitFailed
		}
	}
	return exitOK
}

// graphScores are the ELAS counts of eval parse --enhanced.
type graphScores struct {
	gold, pred, basic eval.Counts // graph from gold trees, from predicted trees; predicted tree copied
	wordsPerS         float64     // enhanced.Build alone, on the predicted trees
	err               error
}

// evalGraph builds the enhanced graph from the gold basic trees of sents
// and from their predicted trees pred (the same sentences as tagged and
// parsed) and scores both, and the predicted tree copied into DEPS,
// against the gold DEPS columns.
func evalGraph(sents, pred []*conllu.Sentence) graphScores {
	var gs graphScores
	goldDoc, err := conllu.Document("gold", sents)
	if err != nil {
		gs.err = fmt.Errorf("gold trees: %w", err)
		return gs
	}
	predDoc, err := conllu.Document("predicted", pred)
	if err != nil {
		gs.err = fmt.Errorf("predicted trees: %w", err)
		return gs
	}
	goldDoc.Graph = enhanced.Build(goldDoc, nil)
	t0 := time.Now()
	predDoc.Graph = enhanced.Build(predDoc, nil)
	gs.wordsPerS = float64(len(predDoc.Tokens)) / time.Since(t0).Seconds()
	tok := text.TokenID(0)
	for si, s := range sents {
		for _, l := range s.Lines {
			switch l.Kind {
			case conllu.Empty: // not built: its arcs are missed
				gs.gold.AddDeps(l.Deps, "_")
				gs.pred.AddDeps(l.Deps, "_")
				gs.basic.AddDeps(l.Deps, "_")
			case conllu.Word:
				gs.gold.AddDeps(l.Deps, conllu.Deps(goldDoc, tok))
				gs.pred.AddDeps(l.Deps, conllu.Deps(predDoc, tok))
				pl := pred[si].Lines[slices.IndexFunc(pred[si].Lines, func(x conllu.Line) bool { return x.Kind == conllu.Word && x.ID == l.ID })]
				gs.basic.AddDeps(l.Deps, strconv.Itoa(pl.Head)+":"+pl.Deprel)
				tok++
			}
		}
	}
	return gs
}

func ptr[T any](v T) *T { return &v }
