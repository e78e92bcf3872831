package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// flagSet is one subcommand's GNU-style flags (pflag) together with the
// text of its usage, so that "-h" and "--help" print the same full usage
// for every command, on standard output, and every error names the command
// that ran.
type flagSet struct {
	*pflag.FlagSet
	e        *env
	name     string // the command as typed after "annals", e.g. "eval events"
	synopsis string // what follows "usage: annals NAME"; several lines allowed
	about    string // what the command does, in prose; may be empty
}

// newFlagSet returns an empty flag set for the command name. synopsis is
// the argument summary printed after "usage: annals NAME" (each further
// line of it gets the same prefix), about a paragraph saying what the
// command does. fs.Usage() prints the usage on standard error, for the
// callers that find bad positional arguments.
func newFlagSet(e *env, name, synopsis, about string) *flagSet {
	fs := &flagSet{FlagSet: pflag.NewFlagSet(name, pflag.ContinueOnError), e: e, name: name, synopsis: synopsis, about: about}
	fs.SortFlags = false
	fs.SetOutput(io.Discard) // pflag writes nothing itself; parse reports
	fs.Usage = func() { fs.printUsage(e.stderr) }
	return fs
}

// printUsage writes the command's full usage: synopsis, description and
// every flag with its default.
func (fs *flagSet) printUsage(w io.Writer) {
	for i, line := range strings.Split(fs.synopsis, "\n") {
		lead := "usage: "
		if i > 0 {
			lead = "       "
		}
		fmt.Fprintf(w, "%sannals %s %s\n", lead, fs.name, line)
	}
	if fs.about != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(fs.about, "\n"))
	}
	fs.addHelp()
	fmt.Fprintf(w, "\nFlags:\n%s", fs.FlagUsages())
}

// addHelp defines -h/--help, last, so that it is listed with the others.
func (fs *flagSet) addHelp() {
	if fs.Lookup("help") == nil {
		fs.BoolP("help", "h", false, "show this help and exit")
	}
}

// parse parses args, flags and positional arguments in any order ("--"
// ends the flags). It reports whether the command should stop, and with
// which exit status: 0 after printing the usage for -h/--help, 2 after
// reporting a bad flag.
func (fs *flagSet) parse(args []string) (code int, stop bool) {
	fs.addHelp()
	err := fs.Parse(args)
	if help, _ := fs.GetBool("help"); err == nil && help || errors.Is(err, pflag.ErrHelp) {
		fs.printUsage(fs.e.stdout)
		return exitOK, true
	}
	if err == nil {
		return exitOK, false
	}
	fmt.Fprintf(fs.e.stderr, "annals %s: %v\nRun \"annals %s --help\" for usage.\n", fs.name, err, fs.name)
	return exitUsage, true
}

// usageError reports a usage mistake found after parsing, pointing at
// --help, and returns the exit status for bad usage.
func (fs *flagSet) usageError(format string, a ...any) int {
	fmt.Fprintf(fs.e.stderr, "annals %s: %s\nRun \"annals %s --help\" for usage.\n", fs.name, fmt.Sprintf(format, a...), fs.name)
	return exitUsage
}
