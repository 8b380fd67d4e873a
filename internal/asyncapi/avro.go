package asyncapi

import (
	"encoding/json"

	havro "github.com/hamba/avro/v2"
)

// parseAvro parses the Avro schema written at l with a fresh schema cache,
// so that named types of other documents never leak in.
func (p *parser) parseAvro(l Loc) havro.Schema {
	var v any
	if err := l.Node.Decode(&v); err != nil {
		p.problem(l, "invalid Avro schema: %v", err)
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		p.problem(l, "invalid Avro schema: %v", err)
		return nil
	}
	s, err := havro.ParseBytesWithCache(data, "", &havro.SchemaCache{})
	if err != nil {
		p.problem(l, "invalid Avro schema: %v", err)
		return nil
	}
	return s
}
