package text

// The closed sets of the document model. Each is a string type, so records,
// stores and JSON keep their names, but a value can only come from the
// constants below or from an explicit conversion at a boundary (a file, a
// database row, a model's class list), where Valid checks it.

// EventType is a PLOVER event type name.
type EventType string

// The 16 PLOVER event types, from most cooperative to most conflictual.
const (
	NoEventType EventType = ""
	Agree       EventType = "AGREE"
	Consult     EventType = "CONSULT"
	Support     EventType = "SUPPORT"
	Concede     EventType = "CONCEDE"
	Cooperate   EventType = "COOPERATE"
	Aid         EventType = "AID"
	Retreat     EventType = "RETREAT"
	Request     EventType = "REQUEST"
	Accuse      EventType = "ACCUSE"
	Reject      EventType = "REJECT"
	Threaten    EventType = "THREATEN"
	Protest     EventType = "PROTEST"
	Sanction    EventType = "SANCTION"
	Mobilize    EventType = "MOBILIZE"
	Coerce      EventType = "COERCE"
	Assault     EventType = "ASSAULT"
)

// EventTypes lists the 16 types in the order above.
var EventTypes = []EventType{Agree, Consult, Support, Concede, Cooperate, Aid, Retreat,
	Request, Accuse, Reject, Threaten, Protest, Sanction, Mobilize, Coerce, Assault}

// Valid reports whether t is one of the 16 types.
func (t EventType) Valid() bool {
	for _, u := range EventTypes {
		if t == u {
			return true
		}
	}
	return false
}

// ActorKind is what kind of thing a resolved actor is.
type ActorKind string

// The kinds of actor.
const (
	KindNone         ActorKind = ""
	KindState        ActorKind = "state"        // a country or its government
	KindPerson       ActorKind = "person"       // a known person
	KindOrganization ActorKind = "organization" // a non-governmental organization or company
	KindIGO          ActorKind = "igo"          // an international governmental organization
	KindGroup        ActorKind = "group"        // a named armed, political or ethnic group
	KindPlace        ActorKind = "place"        // a place below the country (a city, a region)
	KindAgent        ActorKind = "agent"        // a generic agent noun ("troops", "police")
)

// ActorKinds lists the kinds other than KindNone.
var ActorKinds = []ActorKind{KindState, KindPerson, KindOrganization, KindIGO, KindGroup, KindPlace, KindAgent}

// Valid reports whether k is KindNone or one of ActorKinds.
func (k ActorKind) Valid() bool {
	if k == KindNone {
		return true
	}
	for _, u := range ActorKinds {
		if k == u {
			return true
		}
	}
	return false
}

// MentionLabel says which stage found a mention and what it took it for.
type MentionLabel string

// The labels of mentions.
const (
	LabelPER   MentionLabel = "PER"   // a person's name (recognizer or knowledge base)
	LabelORG   MentionLabel = "ORG"   // an organization's name (recognizer)
	LabelLOC   MentionLabel = "LOC"   // a place's name (recognizer)
	LabelGPE   MentionLabel = "GPE"   // a country's name (knowledge base)
	LabelNORP  MentionLabel = "NORP"  // a nationality or group adjective ("Kenyan")
	LabelAgent MentionLabel = "AGENT" // a generic agent noun phrase ("riot police")
	LabelPron  MentionLabel = "PRON"  // a pronoun (coreference)
	LabelName  MentionLabel = "NAME"  // a proper noun phrase (coreference)
	LabelDesc  MentionLabel = "DESC"  // a description ("the ministry"), from coreference or the actor stage
)

// EvidenceField names the field of an event a piece of evidence supports.
type EvidenceField string

// The fields evidence can support.
const (
	FieldTrigger     EvidenceField = "trigger"
	FieldType        EvidenceField = "type"
	FieldMode        EvidenceField = "mode"
	FieldSource      EvidenceField = "source"
	FieldTarget      EvidenceField = "target"
	FieldDate        EvidenceField = "date"
	FieldLocation    EvidenceField = "location"
	FieldPolarity    EvidenceField = "polarity"
	FieldModality    EvidenceField = "modality"
	FieldCertainty   EvidenceField = "certainty"
	FieldAttribution EvidenceField = "attribution"
)

// EvidenceFields lists every field.
var EvidenceFields = []EvidenceField{FieldTrigger, FieldType, FieldMode, FieldSource, FieldTarget,
	FieldDate, FieldLocation, FieldPolarity, FieldModality, FieldCertainty, FieldAttribution}
