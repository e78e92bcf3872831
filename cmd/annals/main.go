// Command annals turns news and political commentary into PLOVER event data.
//
// Usage: annals <command> [flags] [args]; run "annals help" for the list.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// Exit statuses (DESIGN.md's command-line contract).
const (
	exitOK     = 0 // success
	exitFailed = 1 // some inputs failed; each reported on stderr, the rest processed
	exitUsage  = 2 // bad usage
)

// env is what a command reads and writes, so that tests can run commands
// in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

const usage = `annals: who did what to whom, when, where, and who says so.

Usage:
  annals code    [--published YYYY-MM-DD] [--format jsonl|table|csv] [--explain] [FILE|-]...
  annals actors  [--published YYYY-MM-DD] [FILE|-]...
  annals parse   [--conllu] [FILE|-]
  annals ingest  [--db PATH|URL] SOURCE...
  annals serve   [--db PATH|URL] [--addr 127.0.0.1:8080]
  annals query   [--db PATH|URL] [--format table|csv|jsonl] QUERY
  annals export  [--db PATH|URL] --format parquet|csv|jsonl [--out FILE]
  annals migrate [--db PATH|URL]
  annals demo    [--no-serve] [--db PATH] [--addr 127.0.0.1:8080]
  annals demo serve [--addr 127.0.0.1:8080]
  annals eval    events|parse|segment|ner|actors|coref [flags]
  annals train   tagger|parser|lemmatizer|core|ner|lexicon|events|roles [flags]
  annals version
  annals help    [COMMAND]

Commands:
  code     code text into PLOVER events (files named *.jsonl are JSON lines)
  actors   list the actor mentions found and the codes they resolve to
  parse    tag and parse text into CoNLL-U
  ingest   code files, folders, feeds and web archives into a DuckDB store
  serve    open the web explorer and JSON API over a store
  query    dyads, top actors, networks, clusters or SQL over a store
  export   write a store's events as Parquet, CSV or JSON lines
  migrate  bring a store written by an earlier annals to this schema
  demo     code the embedded demo corpus, store it and open the explorer
  eval     score the coder and its stages against gold data
  train    train the tagger, lemmatizer, parser, entity recognizer or event classifier
  version  print the version of annals and of the Go it was built with

Run "annals COMMAND --help" for a command's flags.
`

// evalKinds and trainModels are the subcommands of eval and train.
const (
	evalKinds   = "events|parse|segment|ner|actors|coref"
	trainModels = "tagger|parser|lemmatizer|core|ner|lexicon|events|roles"
)

// version is the release of annals, set when building a release with
// -ldflags "-X main.version=v1.2.3"; otherwise the module's version or
// VCS revision recorded by the go command, else "devel".
var version = ""

func main() {
	os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

func run(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "code":
		return cmdCode(e, rest)
	case "parse":
		return cmdParse(e, rest)
	case "actors":
		return cmdActors(e, rest)
	case "eval":
		return cmdEval(e, rest)
	case "train":
		return cmdTrain(e, rest)
	case "ingest":
		return cmdIngest(e, rest)
	case "serve":
		return cmdServeImpl(e, rest)
	case "query":
		return cmdQuery(e, rest)
	case "export":
		return cmdExport(e, rest)
	case "migrate":
		return cmdMigrate(e, rest)
	case "demo":
		return cmdDemoMain(e, rest)
	case "version", "--version":
		fmt.Fprintf(e.stdout, "annals %s (%s, %s/%s)\n", versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && rest[0] != "help" {
			// "annals help code" is "annals code --help".
			return run(e, append(append([]string(nil), rest...), "--help"))
		}
		fmt.Fprint(e.stdout, usage)
		return exitOK
	}
	fmt.Fprintf(e.stderr, "annals: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

func cmdEval(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "usage: annals eval %s [flags]\nRun \"annals eval --help\" for usage.\n", evalKinds)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprintf(e.stdout, "usage: annals eval %s [flags]\n\n%s", evalKinds, evalAbout)
		return exitOK
	case "events":
		return cmdEvalEvents(e, args[1:])
	case "parse":
		return cmdEvalParse(e, args[1:])
	case "segment":
		return cmdEvalSegment(e, args[1:])
	case "ner":
		return cmdEvalNER(e, args[1:])
	case "actors":
		return cmdEvalActors(e, args[1:])
	case "coref":
		return cmdEvalCoref(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "annals eval: unknown evaluation %q (%s)\n", args[0], evalKinds)
	return exitUsage
}

func cmdTrain(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "usage: annals train %s [flags]\nRun \"annals train --help\" for usage.\n", trainModels)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprintf(e.stdout, "usage: annals train %s [flags]\n\n%s", trainModels, trainAbout)
		return exitOK
	case "tagger", "parser", "lemmatizer", "core":
		return cmdTrainCore(e, args[0], args[1:])
	case "ner":
		return cmdTrainNER(e, args[1:])
	case "lexicon":
		return cmdTrainLexicon(e, args[1:])
	case "events":
		return cmdTrainEvents(e, args[1:])
	case "roles":
		return cmdTrainRoles(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "annals train: unknown model %q (%s)\n", args[0], trainModels)
	return exitUsage
}

const evalAbout = `Evaluations:
  events   code the PLOVER gold records and score the events (--gold FILE)
  parse    tagging and attachment scores on a CoNLL-U treebank (--conllu FILE)
  segment  tokenization and sentence boundaries on a CoNLL-U treebank
  ner      entity recognition on an IOB2 file (--iob2 FILE)
  actors   gold actor codes found among the actors of their sentence
  coref    pronoun resolution on GUM

Run "annals eval KIND --help" for its flags.
`

const trainAbout = `Models:
  tagger      the part-of-speech tagger and the lemmatizer, from UD English EWT
  lemmatizer  the same as tagger
  parser      the dependency parser, from UD English EWT
  core        tagger and parser together
  ner         the entity recognizer, from Universal NER English EWT
  lexicon     the default event trigger table, from the CAMEO verb dictionary,
              the PLOVER codebook and WordNet
  events      the event classifier, from the annotated NGEC passages and weak labels
  roles       the role ranker (who did what to whom), from the annotated NGEC passages

Run "annals train MODEL --help" for its flags.
`

// versionString is the version printed by "annals version".
func versionString() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel-" + s.Value[:12]
		}
	}
	return "devel"
}
