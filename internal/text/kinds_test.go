package text_test

import (
	"testing"

	"annals/internal/plover"
	"annals/internal/text"
)

// The event types of the document model are PLOVER's, one for one.
func TestEventTypesArePLOVER(t *testing.T) {
	n := 0
	for _, ty := range plover.Types() {
		if !text.EventType(ty.String()).Valid() {
			t.Errorf("PLOVER type %s is not a valid EventType", ty)
		}
		n++
	}
	if n != len(text.EventTypes) {
		t.Errorf("%d PLOVER types, %d EventTypes", n, len(text.EventTypes))
	}
	for _, bad := range []text.EventType{"", "agree", "FIGHT", "DEMAND"} {
		if bad.Valid() {
			t.Errorf("EventType(%q).Valid() = true", bad)
		}
	}
}

func TestActorKindValid(t *testing.T) {
	for _, k := range text.ActorKinds {
		if !k.Valid() {
			t.Errorf("%q not valid", k)
		}
	}
	if !text.KindNone.Valid() {
		t.Error("the empty kind is not valid")
	}
	for _, bad := range []text.ActorKind{"State", "ngo", "country"} {
		if bad.Valid() {
			t.Errorf("ActorKind(%q).Valid() = true", bad)
		}
	}
}
