package avro

import (
	"encoding/json"
	"testing"

	"github.com/contractctl/contractctl/internal/compat"
)

// TestConfluentAvroLevels replays Confluent's AvroCompatibilityTest
// assertions through compat.CheckLevel with this package's checker.
func TestConfluentAvroLevels(t *testing.T) {
	var data struct {
		Schemas map[string]json.RawMessage `json:"schemas"`
		Cases   []struct {
			ID          string   `json:"id"`
			Level       string   `json:"level"`
			New         string   `json:"new"`
			Previous    []string `json:"previous_chronological"`
			Compatible  bool     `json:"compatible"`
			Description string   `json:"description"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(corpusFile(t, "confluent/avro-levels.json"), &data); err != nil {
		t.Fatal(err)
	}
	schemas := map[string]*Schema{}
	for name, raw := range data.Schemas {
		schemas[name] = mustParseJSON(t, name, raw)
	}
	get := func(t *testing.T, name string) *Schema {
		s, ok := schemas[name]
		if !ok {
			t.Fatalf("unknown schema %q", name)
		}
		return s
	}
	for _, c := range data.Cases {
		t.Run(c.ID, func(t *testing.T) {
			level, err := compat.ParseLevel(c.Level)
			if err != nil {
				t.Fatal(err)
			}
			var prev []compat.Schema
			for _, p := range c.Previous {
				prev = append(prev, get(t, p))
			}
			issues := compat.CheckLevel(Checker{}, level, get(t, c.New), prev)
			if got := len(compat.Incompatible(issues)) == 0; got != c.Compatible {
				t.Errorf("%s (%s): compatible = %v, Confluent says %v; issues %+v", c.Description, c.Level, got, c.Compatible, issues)
			}
		})
	}
}

// TestApicurioAvroSecondOpinion compares with Apicurio's Avro test data.
// Apicurio is not Confluent, so disagreements are logged, not failures.
func TestApicurioAvroSecondOpinion(t *testing.T) {
	var data struct {
		Tests []struct {
			Enabled       bool            `json:"enabled"`
			ID            string          `json:"id"`
			Compatibility string          `json:"compatibility"`
			Original      json.RawMessage `json:"original"`
			Updated       json.RawMessage `json:"updated"`
		} `json:"tests"`
	}
	if err := json.Unmarshal(corpusFile(t, "apicurio/avro/compatibility-test-data.json"), &data); err != nil {
		t.Fatal(err)
	}
	agree := 0
	for _, c := range data.Tests {
		if !c.Enabled {
			continue
		}
		orig, err := Parse(c.ID+"/original", c.Original)
		if err != nil {
			t.Logf("%s: %v", c.ID, err)
			continue
		}
		upd, err := Parse(c.ID+"/updated", c.Updated)
		if err != nil {
			t.Logf("%s: %v", c.ID, err)
			continue
		}
		backward := len(Checker{}.Check(upd, orig)) == 0
		forward := len(Checker{}.Check(orig, upd)) == 0
		var got string
		switch {
		case backward && forward:
			got = "both"
		case backward:
			got = "backward"
		case !forward:
			got = "none"
		default:
			got = "forward"
		}
		if got == c.Compatibility {
			agree++
		} else {
			t.Logf("Apicurio disagreement %q: Apicurio %s, we %s", c.ID, c.Compatibility, got)
		}
	}
	t.Logf("Apicurio Avro second opinion: %d/%d agree", agree, len(data.Tests))
}
