package text

import (
	"fmt"
	"math/bits"
	"strings"
)

// Layer is a set of annotation layers, one bit each.
type Layer uint32

// The annotation layers, in pipeline order.
const (
	LayerTokens    Layer = 1 << iota // Document.Tokens spans
	LayerSentences                   // Document.Sentences, Token.Sentence
	LayerPOS                         // Token.UPOS, Token.XPOS
	LayerLemmas                      // Token.Lemma
	LayerDeps                        // Token.Head, Token.Dep
	LayerGraph                       // Document.Graph: the enhanced dependency graph
	LayerMentions                    // Document.Mentions spans and labels
	LayerCoref                       // Mention.Antecedent
	LayerActors                      // Mention.Actor
	LayerTimex                       // Document.Timexes
	LayerEvents                      // Document.Events
	layerEnd
)

var layerNames = [...]string{"tokens", "sentences", "pos", "lemmas", "deps", "graph", "mentions", "coref", "actors", "timex", "events"}

// String lists the layers in l, joined by "+".
func (l Layer) String() string {
	if l == 0 {
		return "none"
	}
	var parts []string
	for i := range layerNames {
		if l&(1<<i) != 0 {
			parts = append(parts, layerNames[i])
		}
	}
	if l >= layerEnd {
		parts = append(parts, fmt.Sprintf("0x%x", uint32(l&^(layerEnd-1))))
	}
	return strings.Join(parts, "+")
}

// Each calls f for every single layer in l, in pipeline order.
func (l Layer) Each(f func(Layer)) {
	for l != 0 {
		b := Layer(1) << bits.TrailingZeros32(uint32(l))
		f(b)
		l &^= b
	}
}

// ParseLayer returns the layer named s.
func ParseLayer(s string) (Layer, error) {
	for i, n := range layerNames {
		if n == s {
			return 1 << i, nil
		}
	}
	return 0, fmt.Errorf("unknown layer %q", s)
}
