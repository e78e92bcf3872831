package gum

import (
	"sort"
	"strings"

	"annals/internal/text"
)

// Scored are the pronouns scored: third-person personal, possessive and
// reflexive pronouns.
var Scored = []string{"he", "him", "his", "himself", "she", "her", "hers", "herself",
	"they", "them", "their", "theirs", "themselves", "it", "its", "itself"}

// Count is the tally for a set of pronouns.
type Count struct {
	Pronouns int `json:"pronouns"` // scored pronouns
	Resolved int `json:"resolved"` // given any antecedent
	Correct  int `json:"correct"`  // antecedent inside a gold mention of the same entity
}

// Accuracy is Correct/Pronouns.
func (c Count) Accuracy() float64 { return ratio(c.Correct, c.Pronouns) }

// Coverage is Resolved/Pronouns.
func (c Count) Coverage() float64 { return ratio(c.Resolved, c.Pronouns) }

// Precision is Correct/Resolved.
func (c Count) Precision() float64 { return ratio(c.Correct, c.Resolved) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c *Count) add(o Count) {
	c.Pronouns += o.Pronouns
	c.Resolved += o.Resolved
	c.Correct += o.Correct
}

// Miss is a scored pronoun resolved wrongly or not at all.
type Miss struct {
	Doc      string `json:"doc"`
	Sentence string `json:"sentence"`
	Pronoun  string `json:"pronoun"`
	Start    int    `json:"start"`
	Ours     string `json:"ours"` // our antecedent's text, "" when none
	Gold     string `json:"gold"` // the nearest earlier gold mention of the entity
}

// Score tallies one processed document against its gold mentions. A
// pronoun is scored when a gold mention covers exactly its token, that
// mention's entity is of type person, and the entity has a mention that
// starts earlier. It is correct when the antecedent the pipeline gave its
// mention (Mention.Antecedent of the mention covering exactly the pronoun)
// lies inside a gold mention of the same entity: the innermost gold
// mention containing all of its tokens. GUM's split antecedents
// (Split=) are not used: a plural pronoun whose entity is new is not
// scored.
func Score(g *Doc, out *text.Document) (map[string]Count, []Miss) {
	scored := map[string]bool{}
	for _, p := range Scored {
		scored[p] = true
	}
	by := map[string]Count{}
	var misses []Miss
	ours := map[text.TokenID]text.MentionID{}
	for i, m := range out.Mentions {
		if m.End == m.First+1 {
			if _, ok := ours[m.First]; !ok || m.Antecedent.Valid() {
				ours[m.First] = text.MentionID(i)
			}
		}
	}
	for _, gm := range g.Gold {
		if gm.End != gm.First+1 || gm.Type != "person" || int(gm.First) >= len(out.Tokens) {
			continue
		}
		form := strings.ToLower(out.TokenText(gm.First))
		if in, _ := innermost(g.Gold, gm.First, gm.End); !scored[form] || in.Entity != gm.Entity {
			continue
		}
		prev, ok := previous(g.Gold, gm)
		if !ok {
			continue
		}
		c := Count{Pronouns: 1}
		ourText := ""
		if mi, ok := ours[gm.First]; ok && out.Mentions[mi].Antecedent.Valid() && int(out.Mentions[mi].Antecedent) < len(out.Mentions) {
			c.Resolved = 1
			a := out.Mentions[out.Mentions[mi].Antecedent]
			if in, ok := innermost(g.Gold, a.First, a.End); ok && in.Entity == gm.Entity {
				c.Correct = 1
			}
			ourText = out.Slice(a.Span)
		}
		cur := by[form]
		cur.add(c)
		by[form] = cur
		if c.Correct == 0 {
			misses = append(misses, Miss{Doc: out.ID, Sentence: out.SentenceText(out.Tokens[gm.First].Sentence),
				Pronoun: out.TokenText(gm.First), Start: out.Tokens[gm.First].Start, Ours: ourText,
				Gold: out.Slice(text.Span{Start: out.Tokens[prev.First].Start, End: out.Tokens[prev.End-1].End})})
		}
	}
	return by, misses
}

// innermost returns the shortest gold mention containing tokens [first,
// end), and whether there is one.
func innermost(gold []Mention, first, end text.TokenID) (Mention, bool) {
	var best Mention
	found := false
	for _, m := range gold {
		if m.First > first {
			break
		}
		if end <= m.End && (!found || m.End-m.First <= best.End-best.First) {
			best, found = m, true
		}
	}
	return best, found
}

// previous returns the nearest mention of gm's entity that starts before
// it.
func previous(gold []Mention, gm Mention) (Mention, bool) {
	var best Mention
	found := false
	for _, m := range gold {
		if m.First >= gm.First {
			break
		}
		if m.Entity == gm.Entity {
			best, found = m, true
		}
	}
	return best, found
}

// Forms returns the pronoun forms of a tally, sorted.
func Forms(by map[string]Count) []string {
	var out []string
	for f := range by {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
