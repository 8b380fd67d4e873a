package jsonschema

import (
	"encoding/json"
	"os"
	"testing"
)

// TestApicurioSecondOpinion runs Apicurio's JSON Schema compatibility data.
// Apicurio's rules are not Confluent's, so disagreements are only logged.
func TestApicurioSecondOpinion(t *testing.T) {
	path := sharedDir(t, "corpus/apicurio/jsonschema/compatibility-test-data.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests []struct {
			Enabled       bool            `json:"enabled"`
			ID            string          `json:"id"`
			Compatibility string          `json:"compatibility"`
			Original      json.RawMessage `json:"original"`
			Updated       json.RawMessage `json:"updated"`
		} `json:"tests"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	agree, disagree, unparsable := 0, 0, 0
	for _, tc := range doc.Tests {
		if !tc.Enabled {
			continue
		}
		orig, err1 := Parse(tc.ID+"/original", tc.Original)
		upd, err2 := Parse(tc.ID+"/updated", tc.Updated)
		if err1 != nil || err2 != nil {
			unparsable++
			t.Logf("%s: not parsed: %v %v", tc.ID, err1, err2)
			continue
		}
		backward := Compatible(Checker{}.Check(upd, orig))
		forward := Compatible(Checker{}.Check(orig, upd))
		got := "none"
		switch {
		case backward && forward:
			got = "both"
		case backward:
			got = "backward"
		case forward:
			got = "forward"
		}
		if got == tc.Compatibility {
			agree++
		} else {
			disagree++
			t.Logf("%s: Apicurio says %s, Confluent rules give %s", tc.ID, tc.Compatibility, got)
		}
	}
	t.Logf("Apicurio agreement: %d agree, %d disagree, %d unparsable", agree, disagree, unparsable)
}
