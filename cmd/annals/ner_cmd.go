package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"annals/internal/ner"
	"annals/internal/shared"
)

// The UNER English EWT files, relative to the shared folder.
const (
	unerTrain = "data/uner_english_ewt/en_ewt-ud-train.from-2022-draft.cleaned.iob2"
	unerDev   = "data/uner_english_ewt/en_ewt-ud-dev.iob2"
)

// defaultUnlabelled lists the unlabelled text the word clusters are induced
// from, relative to the shared folder (globs allowed). The UNER/EWT test
// sentences are left out.
var defaultUnlabelled = []string{
	"data/ud_english_ewt/en_ewt-ud-train.conllu",
	"data/ud_english_ewt/en_ewt-ud-dev.conllu",
	"data/gum/dep/*.conllu",
	"data/ngec_synthetic/*.zip",
}

// multiFlag is a flag that may be given several times.
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }
func (m *multiFlag) Type() string       { return "multiFlag" }

func cmdTrainNER(e *env, args []string) int {
	fs := newFlagSet(e, "train ner", "[--train FILE] [--dev FILE] [--out PATH] [--seed N] [--epochs N] [--unlabelled FILE]... [--document]",
		"Trains the entity recognizer (PER/ORG/LOC) from Universal NER English EWT and\n"+
			"writes the model.")
	opt := ner.DefaultTrainOptions()
	trainPath := fs.String("train", "", "training IOB2 file (default ../shared/"+unerTrain+")")
	devPath := fs.String("dev", "", "development IOB2 file for choosing the epoch (default ../shared/"+unerDev+"; \"none\" for no dev set)")
	out := fs.String("out", filepath.Join("internal", "ner", "model", "ner.bin"), "where to write the model")
	seed := fs.Uint64("seed", opt.Seed, "random seed")
	epochs := fs.Int("epochs", opt.Epochs, "most training epochs (the best on dev is kept)")
	minCount := fs.Int("min-count", opt.MinCount, "keep features seen at least this often")
	document := fs.Bool("document", opt.Document, "also train a second-pass model that sees how the document's other sentences were tagged (used by RecognizeDocument and eval ner --context document)")
	var unl multiFlag
	fs.Var(&unl, "unlabelled", "unlabelled text for word clusters (.conllu, .iob2, .zip of CSV with a text column, or plain text); repeatable; default: EWT train+dev, GUM, NGEC synthetic stories from ../shared; \"none\" for no clusters")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	opt.Seed, opt.Epochs, opt.MinCount, opt.Document, opt.Log = *seed, *epochs, *minCount, *document, e.stderr
	opt.Name = "ner-uner-ewt-" + time.Now().UTC().Format("2006.01")

	resolve := func(p, def string) (string, bool) {
		if p != "" {
			return p, true
		}
		sp, ok := shared.Path(def)
		if !ok {
			fmt.Fprintf(e.stderr, "annals train ner: ../shared/%s not found; give the file with a flag\n", def)
		}
		return sp, ok
	}
	tp, ok := resolve(*trainPath, unerTrain)
	if !ok {
		return exitUsage
	}
	status := exitOK
	train, err := readIOB2File(tp)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train ner: %v\n", err)
		if len(train) == 0 {
			return exitFailed
		}
		status = exitFailed
	}
	var dev []ner.Sentence
	if *devPath != "none" {
		dp, ok := resolve(*devPath, unerDev)
		if !ok {
			return exitUsage
		}
		dev, err = readIOB2File(dp)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train ner: %v\n", err)
			status = exitFailed
		}
	}

	var files []string
	switch {
	case len(unl) == 1 && unl[0] == "none":
	case len(unl) > 0:
		files = unl
	default:
		for _, g := range defaultUnlabelled {
			d, ok := shared.Dir()
			if !ok {
				break
			}
			m, _ := filepath.Glob(filepath.Join(d, filepath.FromSlash(g)))
			files = append(files, m...)
		}
	}
	var corpus [][]string
	for _, f := range files {
		s, err := ner.ReadCorpusFile(f)
		if err != nil {
			fmt.Fprintf(e.stderr, "annals train ner: unlabelled text: %v\n", err)
			status = exitFailed
		}
		corpus = append(corpus, s...)
	}
	words := 0
	for _, s := range corpus {
		words += len(s)
	}
	fmt.Fprintf(e.stderr, "train ner: %d training sentences, %d dev sentences, %d unlabelled sentences (%d words) from %d files\n",
		len(train), len(dev), len(corpus), words, len(files))

	rec, rep, err := ner.Train(train, dev, corpus, opt)
	if err != nil {
		fmt.Fprintf(e.stderr, "annals train ner: %v\n", err)
		return exitFailed
	}
	if err := writeModelFile(rec, *out); err != nil {
		fmt.Fprintf(e.stderr, "annals train ner: %v\n", err)
		return exitFailed
	}
	st, _ := os.Stat(*out)
	size := int64(0)
	if st != nil {
		size = st.Size()
	}
	fmt.Fprintf(e.stdout, "trained %s in %.1fs: best epoch %d of %d, dev span F1 %.4f, %d features before pruning, %d words in the cluster table; wrote %s (%d bytes)\n",
		rec.Name(), rep.Duration.Seconds(), rep.BestEpoch, rep.Epochs, rep.DevF1, rep.Features, rep.Words, *out, size)
	if opt.Document {
		fmt.Fprintf(e.stdout, "document model: best epoch %d, dev span F1 %.4f\n", rep.DocEpochs, rep.DocDevF1)
	}
	if rep.Refit {
		fmt.Fprintln(e.stdout, "the final model was refit on train+dev for those epochs; score it on test, not dev")
	}
	return status
}

// readIOB2File reads an IOB2 file; on bad lines it returns the good
// sentences and an error naming the bad lines.
func readIOB2File(path string) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ner.ReadIOB2(f, path)
}

// writeModelFile writes the model to a temporary file and renames it into
// place, so that a failed write leaves the old model.
func writeModelFile(rec *ner.Recognizer, path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ner-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := rec.WriteModel(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// printNERErrors prints a sentence whose predicted entities differ from
// the gold ones: "-" before a missed gold entity, "+" before a spurious one.
func printNERErrors(e *env, s ner.Sentence, pred []ner.Tag) {
	gold, got := ner.Spans(s.Tags), ner.Spans(pred)
	in := func(x ner.Entity, set []ner.Entity) bool {
		for _, y := range set {
			if x == y {
				return true
			}
		}
		return false
	}
	text := func(x ner.Entity) string {
		out := ""
		for i := x.First; i < x.End; i++ {
			if i > x.First {
				out += " "
			}
			out += s.Words[i]
		}
		return out
	}
	var lines []string
	for _, g := range gold {
		if !in(g, got) {
			lines = append(lines, fmt.Sprintf("  - %s %q", g.Label, text(g)))
		}
	}
	for _, p := range got {
		if !in(p, gold) {
			lines = append(lines, fmt.Sprintf("  + %s %q", p.Label, text(p)))
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "%s (line %d):", s.ID, s.Line)
	for _, w := range s.Words {
		fmt.Fprintf(e.stdout, " %s", w)
	}
	fmt.Fprintln(e.stdout)
	for _, l := range lines {
		fmt.Fprintln(e.stdout, l)
	}
}

// nerEval is the --json output of eval ner.
type nerEval struct {
	Model        string            `json:"model"`
	Context      string            `json:"context"`
	File         string            `json:"file"`
	Sentences    int               `json:"sentences"`
	Tokens       int               `json:"tokens"`
	Overall      nerPRF            `json:"overall"`
	Labels       map[string]nerPRF `json:"labels"`
	Seconds      float64           `json:"seconds"`
	TokensPerSec float64           `json:"tokens_per_second"`
	Errors       []string          `json:"errors,omitempty"`
}

type nerPRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

func prf(c ner.Counts) nerPRF {
	return nerPRF{Precision: c.Precision(), Recall: c.Recall(), F1: c.F1(), TP: c.TP, FP: c.FP, FN: c.FN}
}

func cmdEvalNER(e *env, args []string) int {
	fs := newFlagSet(e, "eval ner", "--iob2 FILE [--json] [--model PATH] [--context sentence|document] [--errors]",
		"Scores the entity recognizer against a gold IOB2 file: precision, recall and F1\n"+
			"by label.")
	path := fs.String("iob2", "", "gold IOB2 file (required)")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	showErrors := fs.Bool("errors", false, "print every sentence with a missed or spurious entity to stdout")
	context := fs.String("context", "sentence", "sentence: tag each sentence alone (Recognize); document: a second pass that sees how the document's other sentences were tagged (RecognizeDocument; documents are the file's \"# newdoc id\" runs)")
	if code, stop := fs.parse(args); stop {
		return code
	}
	if *path == "" || fs.NArg() > 0 || *context != "sentence" && *context != "document" {
		fs.Usage()
		return exitUsage
	}
	var (
		rec *ner.Recognizer
		err error
	)
	if *modelPath != "" {
		rec, err = ner.LoadFile(*modelPath)
	} else {
		rec, err = ner.Load()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval ner: %v\n", err)
		return exitFailed
	}
	status := exitOK
	gold, err := readIOB2File(*path)
	var problems []string
	if err != nil {
		fmt.Fprintf(e.stderr, "annals eval ner: %v\n", err)
		if len(gold) == 0 {
			return exitFailed
		}
		status = exitFailed
		var le *ner.LineError
		if errors.As(err, &le) {
			problems = append(problems, err.Error())
		}
	}
	var sc ner.Scores
	var elapsed time.Duration
	for _, r := range ner.Documents(gold) {
		doc := gold[r[0]:r[1]]
		t0 := time.Now()
		var pred [][]ner.Tag
		if *context == "document" {
			words := make([][]string, len(doc))
			for i, s := range doc {
				words[i] = s.Words
			}
			pred = rec.TagDocument(words)
		} else {
			for _, s := range doc {
				pred = append(pred, rec.Tag(s.Words))
			}
		}
		elapsed += time.Since(t0)
		for i, s := range doc {
			sc.Add(s.Tags, pred[i])
			if *showErrors {
				printNERErrors(e, s, pred[i])
			}
		}
	}
	mode := *context
	if mode == "document" && !rec.HasDocumentModel() {
		mode = "sentence (the model has no document pass)"
	}
	tps := 0.0
	if elapsed > 0 {
		tps = float64(sc.Words) / elapsed.Seconds()
	}
	if *asJSON {
		out := nerEval{Model: rec.Name(), Context: mode, File: *path, Sentences: sc.Sentences, Tokens: sc.Words,
			Overall: prf(sc.Overall), Labels: map[string]nerPRF{}, Seconds: elapsed.Seconds(), TokensPerSec: tps, Errors: problems}
		for _, l := range ner.Labels() {
			out.Labels[l.String()] = prf(sc.Label(l))
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(e.stderr, "annals eval ner: %v\n", err)
			return exitFailed
		}
		return status
	}
	fmt.Fprintf(e.stdout, "model %s, context %s, on %s: %d sentences, %d tokens\n", rec.Name(), mode, *path, sc.Sentences, sc.Words)
	fmt.Fprint(e.stdout, sc.String())
	fmt.Fprintf(e.stdout, "speed: %.0f tokens/s (%.3fs, one goroutine)\n", tps, elapsed.Seconds())
	return status
}
