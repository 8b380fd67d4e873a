package asyncapi

import (
	"strconv"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/load"
)

func parse(t *testing.T, src string) *Document {
	t.Helper()
	f, err := load.Parse("doc.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(f, load.NewLoader(load.Dir(t.TempDir()), ""))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestDirections: 2.x subscribe means the application sends, publish that
// it receives; 3.0 says so with action. A message shared by a send and a
// receive operation is modelled once, with both uses.
func TestDirections(t *testing.T) {
	v2 := parse(t, `asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  a.v1:
    subscribe: {operationId: out, message: {$ref: '#/components/messages/M'}}
    publish: {operationId: in, message: {$ref: '#/components/messages/M'}}
components:
  messages:
    M: {payload: {type: object}}
`)
	if len(v2.Problems) > 0 {
		t.Fatalf("problems: %+v", v2.Problems)
	}
	if len(v2.Messages) != 1 || !v2.Messages[0].Sends || !v2.Messages[0].Receives {
		t.Fatalf("shared message not modelled once with both uses: %+v", v2.Messages)
	}
	if v2.Operations[0].Action != Send || v2.Operations[1].Action != Receive {
		t.Errorf("subscribe/publish actions = %s/%s", v2.Operations[0].Action, v2.Operations[1].Action)
	}
	if m := v2.Messages[0]; m.ID != "M" || m.Loc.Pointer != "/components/messages/M" {
		t.Errorf("message id %q at %q", m.ID, m.Loc.Pointer)
	}

	v3 := parse(t, `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  c:
    address: a.v1
    messages:
      M: {payload: {type: object}}
operations:
  r: {action: receive, channel: {$ref: '#/channels/c'}}
`)
	if len(v3.Problems) > 0 {
		t.Fatalf("problems: %+v", v3.Problems)
	}
	m := v3.Messages[0]
	if m.Sends || !m.Receives || m.ID != "M" {
		t.Errorf("3.0 operation without messages must use all of its channel's: %+v", m)
	}
	if line, col := m.Loc.Pos(); line != 7 || col != 7 {
		t.Errorf("message position %d:%d, want 7:7", line, col)
	}
}

// TestProblems: structural problems are positioned where they are
// written and name what to fix.
func TestProblems(t *testing.T) {
	doc := parse(t, `asyncapi: 3.0.0
info: {title: t}
channels:
  c: {address: 1.5, messages: {M: {$ref: 'missing.yaml#/M'}}}
operations:
  o: {action: publish, channel: {$ref: '#/channels/nope'}}
`)
	want := []string{
		"2:1 info must have version",
		"4:7 a channel address must be a string or null",
		"4:36 $ref \"missing.yaml#/M\": cannot read missing.yaml",
		"6:7 an operation's action must be send or receive",
		"6:34 $ref \"#/channels/nope\" does not resolve",
	}
	var got []string
	for _, p := range doc.Problems {
		got = append(got, strings.Join([]string{itoa(p.Line) + ":" + itoa(p.Column), p.Message}, " "))
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing problem %q in %q", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d: %q", len(got), len(want), got)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestJSON: a JSON document is modelled like its YAML twin.
func TestJSON(t *testing.T) {
	doc := parse(t, `{"asyncapi": "3.0.0", "info": {"title": "t", "version": "1.0.0"},
 "servers": {"s": {"host": "h.example.com", "protocol": "kafka-secure", "security": []}},
 "channels": {"c": {"address": "a.v1", "messages": {"M": {"payload": {"type": "object"}}}}},
 "operations": {"o": {"action": "send", "channel": {"$ref": "#/channels/c"}, "messages": [{"$ref": "#/channels/c/messages/M"}]}}}`)
	if len(doc.Problems) > 0 {
		t.Fatalf("problems: %+v", doc.Problems)
	}
	if len(doc.Operations) != 1 || len(doc.Operations[0].Messages) != 1 || doc.Channels[0].Address != "a.v1" {
		t.Fatalf("JSON document not modelled: %+v", doc.Operations)
	}
}
