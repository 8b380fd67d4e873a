package avro

import "github.com/contractctl/contractctl/internal/jsontree"

// Pos is a 1-based line and column (in characters) in a schema's source
// text.
type Pos = jsontree.Pos
