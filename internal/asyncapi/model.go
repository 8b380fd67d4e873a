package asyncapi

import (
	"strings"

	"github.com/contractctl/contractctl/internal/load"
	havro "github.com/hamba/avro/v2"
	yaml "go.yaml.in/yaml/v3"
)

// Loc is where an element is written: its file, JSON pointer, the key
// naming it (nil for array items and roots) and its value node.
type Loc struct {
	File    *load.File
	Pointer string
	Key     *yaml.Node
	Node    *yaml.Node
}

// Pos returns the 1-based line and column of the key naming the element,
// or of the value when there is no key.
func (l Loc) Pos() (line, col int) {
	n := l.Key
	if n == nil {
		n = l.Node
	}
	if n == nil {
		return 0, 0
	}
	return n.Line, n.Column
}

// FileName is the name of the file the element is written in.
func (l Loc) FileName() string {
	if l.File == nil {
		return ""
	}
	return l.File.Name
}

// ID identifies the written element across the document: file and pointer.
func (l Loc) ID() string { return l.FileName() + "#" + l.Pointer }

// Child locates key of the mapping at l; ok is false when it is absent.
func (l Loc) Child(key string) (Loc, bool) {
	k, v := load.Get(l.Node, key)
	if k == nil {
		return Loc{}, false
	}
	return Loc{File: l.File, Pointer: load.Join(l.Pointer, key), Key: k, Node: v}, true
}

// Item locates the i-th item of the sequence at l.
func (l Loc) Item(i int) Loc {
	n := load.Deref(l.Node.Content[i])
	return Loc{File: l.File, Pointer: load.Index(l.Pointer, i), Node: n}
}

// Action is who writes a message: the application (send) or its peers
// (receive).
type Action string

// Actions. In 2.x, subscribe means the application sends and publish
// means it receives.
const (
	Send    Action = "send"
	Receive Action = "receive"
)

// Document is one AsyncAPI document.
type Document struct {
	File *load.File
	// Version is the asyncapi string; Major is 2 or 3 (0 when unsupported).
	Version string
	Major   int
	// DefaultContentType is the document's defaultContentType.
	DefaultContentType string

	Info       Info
	Servers    []*Server
	Channels   []*Channel
	Operations []*Operation
	// Messages are all distinct messages (each once, where written), in
	// the order they are first met: channels, operations, components.
	Messages []*Message
	// Schemas are the distinct root schemas: payloads, headers and
	// components.schemas, each once.
	Schemas []*Schema
	// SecuritySchemes are the component security schemes by name.
	SecuritySchemes map[string]Loc

	Problems []Problem
}

// Info is the info object.
type Info struct {
	Loc     Loc
	Title   string
	Version string
	// VersionLoc locates info.version.
	VersionLoc Loc
}

// Server is one entry of servers.
type Server struct {
	Name     string
	Loc      Loc
	Protocol string
	// Host is 3.0 host or 2.x url.
	Host string
	// Pathname is the 3.0 pathname.
	Pathname string
	// Variables holds the default of each server variable.
	Variables map[string]string
	Security  []Security
	// SecurityLoc locates the security list (zero when absent).
	SecurityLoc Loc
}

// Address is the server's address with its variables' defaults
// substituted: host (2.x url) and pathname.
func (s *Server) Address() string {
	a := s.Host + s.Pathname
	for k, v := range s.Variables {
		a = strings.ReplaceAll(a, "{"+k+"}", v)
	}
	return a
}

// Security is one security requirement: the scheme it names and scopes.
type Security struct {
	Scheme string
	Scopes []string
	Loc    Loc
}

// Channel is one entry of channels.
type Channel struct {
	// Key is the channel's map key: its name in 2.x, its id in 3.0.
	Key string
	Loc Loc
	// Address is the channel address: the key in 2.x, address in 3.0
	// ("" with HasAddress false for a null or absent 3.0 address).
	Address    string
	HasAddress bool
	AddressLoc Loc
	// Servers names the servers the channel is on; nil means all.
	Servers []string
	// Messages are the channel's messages by key (3.0); in 2.x, the
	// messages of its operations.
	Messages []ChannelMessage
	// Operations are the 2.x publish/subscribe operations.
	Operations []*Operation
	// KafkaTopic is bindings.kafka.topic ("" when absent).
	KafkaTopic    string
	KafkaTopicLoc Loc
	Lifecycle     Lifecycle
}

// ChannelMessage is a message of a channel under its key.
type ChannelMessage struct {
	Key     string
	Loc     Loc // where the channel names it (the $ref site)
	Message *Message
}

// Operation is a 3.0 operation or a 2.x publish/subscribe.
type Operation struct {
	// Key is the 3.0 operations key, or "publish"/"subscribe" in 2.x.
	Key string
	// ID is the 2.x operationId (possibly from a trait) or the 3.0 key.
	ID    string
	IDLoc Loc
	Loc   Loc
	// Action is send or receive; ActionLoc locates it (2.x: the
	// publish/subscribe key).
	Action    Action
	ActionLoc Loc
	Channel   *Channel
	// ChannelRef is the 3.0 channel $ref as written.
	ChannelRef string
	Messages   []*Message
	// MessageSites are where the operation names each of Messages (the
	// $ref item, the 2.x message key or oneOf item; for a 3.0 operation
	// without messages, the channel's message entries).
	MessageSites []Loc
	Security     []Security
	// SecurityLoc locates the security list (zero when absent).
	SecurityLoc Loc
	Lifecycle   Lifecycle
}

// Lifecycle is an element's deprecation state.
type Lifecycle struct {
	Deprecated bool
	// DeprecatedLoc locates deprecated (or x-deprecated).
	DeprecatedLoc Loc
	Sunset        string
	SunsetLoc     Loc
}

// Message is a message object, where it is written.
type Message struct {
	// ID is the 3.0 map key or component name, else 2.x messageId, else
	// name.
	ID      string
	Name    string
	Loc     Loc
	Headers *Schema
	Payload *Schema
	// SchemaFormat is the payload's schema format as written ("" for the
	// default AsyncAPI schema).
	SchemaFormat    string
	SchemaFormatLoc Loc
	ContentType     string
	CorrelationID   *CorrelationID
	Examples        []Loc
	Traits          []*Trait
	// KafkaKey locates bindings.kafka.key (zero when absent).
	KafkaKey  Loc
	Lifecycle Lifecycle
	// Sends and Receives tell how the application uses the message:
	// through send (2.x subscribe) or receive (2.x publish) operations.
	Sends, Receives bool
	// Channels are the channels the message is used on.
	Channels []*Channel
}

// Trait is a message trait applied to a message.
type Trait struct {
	Loc           Loc
	Headers       *Schema
	CorrelationID *CorrelationID
}

// AllHeaders returns the message's headers schema and those of its
// traits, skipping absent ones.
func (m *Message) AllHeaders() []*Schema {
	var out []*Schema
	if m.Headers != nil {
		out = append(out, m.Headers)
	}
	for _, t := range m.Traits {
		if t.Headers != nil {
			out = append(out, t.Headers)
		}
	}
	return out
}

// Correlation returns the correlation id of the message or of its first
// trait declaring one.
func (m *Message) Correlation() *CorrelationID {
	if m.CorrelationID != nil {
		return m.CorrelationID
	}
	for _, t := range m.Traits {
		if t.CorrelationID != nil {
			return t.CorrelationID
		}
	}
	return nil
}

// CorrelationID is a correlation id object.
type CorrelationID struct {
	Loc      Loc
	Location string
}

// SchemaKind tells how a schema is written.
type SchemaKind int

// Schema kinds.
const (
	// JSONSchema is an AsyncAPI schema object or JSON Schema.
	JSONSchema SchemaKind = iota
	// Avro is an Avro schema.
	Avro
	// OtherFormat is a schema format contractctl does not inspect
	// (RAML, Protobuf, …).
	OtherFormat
)

// Schema is a root schema of a message or of components.schemas.
type Schema struct {
	Kind   SchemaKind
	Format string
	// Loc is the schema itself (after following $refs when they resolve).
	Loc Loc
	// Remote is set when the schema is a remote $ref that is not fetched.
	Remote bool
	// Avro is the parsed Avro schema (nil unless Kind is Avro and it
	// parsed).
	Avro havro.Schema
}

// Problem is a structural problem of the document.
type Problem struct {
	File         string
	Line, Column int
	Pointer      string
	Message      string
}
