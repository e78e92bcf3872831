package coder

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"annals/internal/actor"
	"annals/internal/event"
)

// loadActors builds the knowledge base: the built-in tables and the user's
// files. With warn set, a file's bad lines are passed to it and the file's
// other lines are kept; only a file that cannot be opened, or of which
// nothing loads, is an error. Without warn any problem is an error.
func loadActors(files []string, warn func(string)) (*actor.KB, error) {
	if warn == nil {
		return actor.Load(files...)
	}
	kb, err := actor.Load()
	if err != nil {
		return nil, err
	}
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("actors: %w", err)
		}
		before := kb.Len()
		rerr := kb.ReadFile(p, f)
		f.Close()
		if rerr == nil {
			continue
		}
		if kb.Len() == before {
			return nil, fmt.Errorf("actors: nothing loaded from %s: %w", p, rerr)
		}
		for _, line := range strings.Split(rerr.Error(), "\n") {
			warn(line)
		}
	}
	return kb, nil
}

// loadVerbs merges each verb dictionary over lex. Bad lines and what was
// skipped go to warn (or make an error when warn is nil); a file of which
// nothing loads is an error.
func loadVerbs(lex *event.Lexicon, files []string, warn func(string)) error {
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("verbs: %w", err)
		}
		user, st, errs := event.LoadVerbs(f, p, nil)
		f.Close()
		if user.Len() == 0 {
			return fmt.Errorf("verbs: nothing loaded from %s (%d lines rejected)", p, len(errs))
		}
		if warn == nil && len(errs) > 0 {
			return fmt.Errorf("verbs: %w", errs[0])
		}
		for _, e := range errs {
			warn(e.Error())
		}
		if warn != nil {
			warn(fmt.Sprintf("%s: %d verbs (lemmas with an event of their own: %d; verbs whose own code has no PLOVER event: %d), %d patterns: %d give a PLOVER event, %d null, %d have a CAMEO code with no PLOVER event%s and, like null ones, stop their verb; %d lines rejected",
				p, st.Verbs, st.Entries, st.NoPLOVERVerbs, st.Patterns, st.Used, st.Null, st.NoPLOVER, topCodes(st.NoPLOVERCode, 8), len(errs)))
		}
		lex.Merge(user)
	}
	return nil
}

// topCodes lists the n most frequent codes as "code×count".
func topCodes(m map[string]int, n int) string {
	type kv struct {
		k string
		v int
	}
	var list []kv
	for k, v := range m {
		list = append(list, kv{k, v})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].v != list[j].v {
			return list[i].v > list[j].v
		}
		return list[i].k < list[j].k
	})
	var parts []string
	for i, x := range list {
		if i == n {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, fmt.Sprintf("%s×%d", x.k, x.v))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, " ") + ")"
}
