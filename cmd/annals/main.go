// Command annals turns news and political commentary into PLOVER event data.
//
// Usage: annals <command> [flags] [args]; run "annals help" for the list.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
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
  annals code [--published YYYY-MM-DD] [--format jsonl|table|csv] [--input text|jsonl] [FILE|-]...
  annals parse [--conllu] [FILE|-]
  annals actors [--published D] [--input jsonl] [FILE|-]...
  annals eval events|parse|segment|ner|actors|coref ...
  annals train tagger|parser|lemmatizer|core|ner|events ...
  annals ingest [--db PATH] SOURCE...
  annals serve  [--db PATH] [--addr 127.0.0.1:8080]
  annals query  [--db PATH] ...
  annals export [--db PATH] --format parquet|csv|jsonl ...
  annals demo   [--db PATH] [--addr 127.0.0.1:8080]

Run "annals COMMAND -h" for a command's flags.
`

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
	case "demo":
		return cmdDemoMain(e, rest)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(e.stdout, usage)
		return exitOK
	}
	fmt.Fprintf(e.stderr, "annals: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

func cmdEval(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: annals eval events|parse|segment|ner|actors|coref [flags]")
		return exitUsage
	}
	switch args[0] {
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
	fmt.Fprintf(e.stderr, "annals eval: unknown evaluation %q (events, parse, segment, ner, actors, coref)\n", args[0])
	return exitUsage
}

func cmdTrain(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: annals train tagger|parser|lemmatizer|ner|events [flags]")
		return exitUsage
	}
	switch args[0] {
	case "tagger", "parser", "lemmatizer", "core":
		return cmdTrainCore(e, args[0], args[1:])
	case "ner":
		return cmdTrainNER(e, args[1:])
	case "events":
		return cmdTrainEvents(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "annals train: unknown model %q (tagger, parser, lemmatizer, ner, events)\n", args[0])
	return exitUsage
}

// parseFlags parses args with fs, allowing flags after positional
// arguments ("annals code essay.txt --published 2025-11-20"), as users
// type them. A "--" ends the flags; everything after it is positional.
// fs.Args() returns the positional arguments in order.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		// flag stops at the first non-flag, or after a "--" it consumed.
		consumed := args[:len(args)-len(rest)]
		if len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}
