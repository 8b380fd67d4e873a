package ruleset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/contractctl/contractctl/internal/load"
)

type schemaFn struct {
	schema    *jsonschema.Schema
	allErrors bool
}

var drafts = map[string]*jsonschema.Draft{
	"draft4": jsonschema.Draft4, "draft6": jsonschema.Draft6, "draft7": jsonschema.Draft7,
	"draft2019-09": jsonschema.Draft2019, "draft2020-12": jsonschema.Draft2020,
}

func buildSchema(file string, opts *yaml.Node) (function, error) {
	sn := load.Value(opts, "schema")
	if sn == nil {
		return nil, fmt.Errorf("needs functionOptions schema")
	}
	f := schemaFn{}
	draft := jsonschema.Draft7
	for i := 0; i+1 < len(opts.Content); i += 2 {
		k, v := opts.Content[i], opts.Content[i+1]
		switch k.Value {
		case "schema":
		case "allErrors":
			f.allErrors = v.Value == "true"
		case "dialect":
			if v.Value == "auto" {
				continue
			}
			d, ok := drafts[v.Value]
			if !ok {
				return nil, errAt(file, v, "function schema: dialect %q: want auto, draft4, draft6, draft7, draft2019-09 or draft2020-12", v.Value)
			}
			draft = d
		case "prepareResults":
		default:
			return nil, errAt(file, k, "function schema: unknown option %q", k.Value)
		}
	}
	var raw any
	if err := sn.Decode(&raw); err != nil {
		return nil, errAt(file, sn, "function schema: %v", err)
	}
	data, err := json.Marshal(jsonable(raw))
	if err != nil {
		return nil, errAt(file, sn, "function schema: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, errAt(file, sn, "function schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(draft)
	c.AssertFormat()
	if err := c.AddResource("ruleset-schema.json", doc); err != nil {
		return nil, errAt(file, sn, "function schema: %v", err)
	}
	f.schema, err = c.Compile("ruleset-schema.json")
	if err != nil {
		return nil, errAt(file, sn, "function schema: invalid JSON Schema: %s", oneLine(err))
	}
	return f, nil
}

// jsonable turns YAML's map[string]any decoding into JSON-encodable values.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
	}
	return v
}

func (f schemaFn) call(c fcall) []fresult {
	if c.target == nil {
		return []fresult{{msg: `#{{print("property")}}must exist`}}
	}
	err := f.schema.Validate(toJSON(c.target))
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil
	}
	leaves := leafErrors(ve, nil)
	// The validator's order is not stable; the first error by instance
	// location is.
	slices.SortStableFunc(leaves, func(a, b *jsonschema.ValidationError) int {
		if c := slices.Compare(a.InstanceLocation, b.InstanceLocation); c != 0 {
			return c
		}
		return strings.Compare(a.ErrorKind.LocalizedString(printer), b.ErrorKind.LocalizedString(printer))
	})
	if !f.allErrors && len(leaves) > 1 {
		leaves = leaves[:1]
	}
	var out []fresult
	seen := map[string]bool{}
	for _, l := range leaves {
		at := c.target
		for _, tok := range l.InstanceLocation {
			if next := get(at, tok); next != nil {
				at = next
			}
		}
		msg := strings.TrimSpace(l.ErrorKind.LocalizedString(printer))
		key := strings.Join(l.InstanceLocation, "/") + "\x00" + msg
		if seen[key] {
			continue
		}
		seen[key] = true
		prop := ""
		if n := len(l.InstanceLocation); n > 0 {
			prop = `"` + l.InstanceLocation[n-1] + `" property `
		}
		out = append(out, fresult{msg: prop + msg, at: at})
	}
	return out
}

var printer = message.NewPrinter(language.English)

// leafErrors are the errors to report: the innermost ones, except that a
// failed contains is reported at the array (as Spectral's validator does),
// not at each item that failed it.
func leafErrors(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if _, ok := e.ErrorKind.(*kind.Contains); ok || len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leafErrors(c, out)
	}
	return slices.Clip(out)
}
