package jsonschema

import (
	"fmt"
	"strings"

	"github.com/contractctl/contractctl/internal/compat"
)

// DifferentSchemaType is the Issue type reported when a JSON Schema is
// compared with a schema of another format.
const DifferentSchemaType = "DIFFERENT_SCHEMA_TYPE"

// Checker checks JSON Schema compatibility exactly like Confluent's
// SchemaDiff under the given Policy. The zero value uses Strict.
type Checker struct {
	Policy Policy
}

var _ compat.Checker = Checker{}

// Check implements compat.Checker: it reports every difference of
// SchemaDiff.compare(original = writer, update = reader). Line and Column
// locate each difference in the reader (updated) schema when known.
func (c Checker) Check(reader, writer compat.Schema) []compat.Issue {
	upd, ok1 := reader.(*Schema)
	orig, ok2 := writer.(*Schema)
	if !ok1 || !ok2 || upd == nil || orig == nil {
		return []compat.Issue{{
			Type:    DifferentSchemaType,
			Path:    "#/",
			Message: "Incompatible because of different schema type",
		}}
	}
	set := c.Policy.compatibleSet()
	ctx := newCtx(set)
	compare(ctx, "#/", orig.root, upd.root, upd.root.ptr)
	issues := make([]compat.Issue, 0, len(ctx.diffs))
	seen := map[[2]string]bool{}
	for _, d := range ctx.diffs {
		k := [2]string{d.Type, d.Path}
		if seen[k] { // Confluent collects differences in a set
			continue
		}
		seen[k] = true
		line, col := upd.Position(d.Ptr)
		issues = append(issues, compat.Issue{
			Type:       d.Type,
			Path:       d.Path,
			Message:    describe(d.Type, d.Path),
			Compatible: set[d.Type],
			Line:       line,
			Column:     col,
		})
	}
	return issues
}

// Compatible reports whether no issue breaks compatibility.
func Compatible(issues []compat.Issue) bool {
	for _, is := range issues {
		if !is.Compatible {
			return false
		}
	}
	return true
}

// describe writes a one-sentence explanation of a difference.
func describe(typ, path string) string {
	words := strings.ToLower(strings.ReplaceAll(typ, "_", " "))
	switch {
	case strings.HasSuffix(typ, "_CONTENT_MODEL"):
		return fmt.Sprintf("At %s: %s.", path, words)
	case strings.HasPrefix(typ, "TYPE_"):
		return fmt.Sprintf("The type at %s was %s.", path, strings.TrimPrefix(words, "type "))
	case strings.HasSuffix(typ, "_ADDED"), strings.HasSuffix(typ, "_REMOVED"):
		return fmt.Sprintf("Keyword or schema at %s: %s.", path, words)
	default:
		return fmt.Sprintf("The value at %s changed: %s.", path, words)
	}
}
