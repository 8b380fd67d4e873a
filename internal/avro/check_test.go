package avro

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/contractctl/contractctl/internal/compat"
)

func mustParse(t testing.TB, name, src string) *Schema {
	t.Helper()
	s, err := Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return s
}

// TestCheckEdgeCases covers Java behaviours the recorded corpus does not.
func TestCheckEdgeCases(t *testing.T) {
	tests := []struct {
		name           string
		reader, writer string
		want           []string // "TYPE PATH MESSAGE @line:col"
	}{
		{
			name:   "logical types are ignored",
			reader: `{"type":"int","logicalType":"date"}`,
			writer: `"int"`,
		},
		{
			name:   "decimal precision change is ignored",
			reader: `{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}`,
			writer: `{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}`,
		},
		{
			name:   "field renamed with alias",
			reader: `{"type":"record","name":"R","fields":[{"name":"b","aliases":["a"],"type":"int"}]}`,
			writer: `{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}`,
		},
		{
			name:   "record renamed with relative alias in namespace",
			reader: `{"type":"record","name":"New","namespace":"ns","aliases":["Old"],"fields":[]}`,
			writer: `{"type":"record","name":"Old","namespace":"ns","fields":[]}`,
		},
		{
			name:   "alias in other namespace does not match",
			reader: `{"type":"record","name":"New","namespace":"a","aliases":["Old"],"fields":[]}`,
			writer: `{"type":"record","name":"Old","namespace":"b","fields":[]}`,
			want:   []string{"NAME_MISMATCH /name expected: b.Old @1:25"},
		},
		{
			name:   "enum default quirk: missing enum field compares against the writer record",
			reader: `{"type":"record","name":"R","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A"],"default":"A"}}]}`,
			writer: `{"type":"record","name":"R","fields":[]}`,
			want:   []string{"TYPE_MISMATCH /fields/0/type reader type: ENUM not compatible with writer type: RECORD @1:58"},
		},
		{
			name:   "alias matching several writer fields aborts like Java",
			reader: `{"type":"record","name":"R","fields":[{"name":"a","aliases":["b"],"type":"int"},{"name":"c","type":"int"}]}`,
			writer: `{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}`,
			want: []string{`UNEXPECTED_EXCEPTION /fields/0 Unexpected exception during compatibility check: Reader record field a type:INT pos:0 ` +
				`matches multiple fields in writer record schema {"name":"R","type":"record","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]} @1:39`},
		},
		{
			name: "memoised named pair reuses the first location (Java identity memo)",
			reader: `{"type":"record","name":"R","fields":[
  {"name":"x","type":{"type":"record","name":"T","fields":[{"name":"v","type":"int"}]}},
  {"name":"y","type":"T"}]}`,
			writer: `{"type":"record","name":"R","fields":[
  {"name":"x","type":{"type":"record","name":"T","fields":[{"name":"v","type":"long"}]}},
  {"name":"y","type":"T"}]}`,
			want: []string{
				"TYPE_MISMATCH /fields/0/type/fields/0/type reader type: INT not compatible with writer type: LONG @2:79",
				"TYPE_MISMATCH /fields/0/type/fields/0/type reader type: INT not compatible with writer type: LONG @2:79",
			},
		},
		{
			name: "positions point into the reader source",
			reader: `{
  "type": "record", "name": "R",
  "fields": [
    {"name": "a", "type": "string"},
    {"name": "b", "type": {"type": "fixed", "name": "F", "size": 4}},
    {"name": "c", "type": ["null", "int"]},
    {"name": "d", "type": "int"}
  ]
}`,
			writer: `{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":{"type":"fixed","name":"F","size":8}},
{"name":"c","type":["null","int","string"]}]}`,
			want: []string{
				"TYPE_MISMATCH /fields/0/type reader type: STRING not compatible with writer type: INT @4:27",
				"FIXED_SIZE_MISMATCH /fields/1/type/size expected: 8, found: 4 @5:66",
				"MISSING_UNION_BRANCH /fields/2/type/2 reader union lacking writer type: STRING @6:27",
				"READER_FIELD_MISSING_DEFAULT_VALUE /fields/3 d @7:5",
			},
		},
		{
			name:   "json pointer escaping of field tokens is not needed for indexes",
			reader: `{"type":"map","values":{"type":"array","items":"int"}}`,
			writer: `{"type":"map","values":{"type":"array","items":"string"}}`,
			want:   []string{"TYPE_MISMATCH /values/items reader type: INT not compatible with writer type: STRING @1:48"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			issues := Checker{}.Check(mustParse(t, "reader", tt.reader), mustParse(t, "writer", tt.writer))
			var got []string
			for _, is := range issues {
				got = append(got, fmt.Sprintf("%s %s %s @%d:%d", is.Type, is.Path, is.Message, is.Line, is.Column))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

type otherSchema struct{}

func (otherSchema) Canonical() string { return "other" }

func TestCheckDifferentSchemaType(t *testing.T) {
	s := mustParse(t, "s", `"int"`)
	for _, pair := range [][2]compat.Schema{{s, otherSchema{}}, {otherSchema{}, s}} {
		got := Checker{}.Check(pair[0], pair[1])
		if len(got) != 1 || got[0].Type != DifferentSchemaType || got[0].Compatible {
			t.Errorf("Check(%T, %T) = %+v", pair[0], pair[1], got)
		}
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		is   compat.Issue
		want string
	}{
		{compat.Issue{Type: ReaderFieldMissingDefaultValue, Path: "/fields/1", Message: "f2"},
			`{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'f2' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'f2'}`},
		{compat.Issue{Type: TypeMismatch, Path: "/fields/0/type", Message: "reader type: STRING not compatible with writer type: INT"},
			`{errorType:'TYPE_MISMATCH', description:'The type (path '/fields/0/type') of a field in the new schema does not match with the old schema', additionalInfo:'reader type: STRING not compatible with writer type: INT'}`},
		{compat.Issue{Type: NameMismatch, Path: "/name", Message: "expected: a.B"},
			`{errorType:'NAME_MISMATCH', description:'The name of the schema has changed (path '/name')', additionalInfo:'expected: a.B'}`},
		{compat.Issue{Type: MissingEnumSymbols, Path: "/symbols", Message: "[C]"},
			`{errorType:'MISSING_ENUM_SYMBOLS', description:'The new schema is missing enum symbols '[C]' at path '/symbols' in the old schema', additionalInfo:'[C]'}`},
		{compat.Issue{Type: MissingUnionBranch, Path: "/1", Message: "reader union lacking writer type: LONG"},
			`{errorType:'MISSING_UNION_BRANCH', description:'The new schema is missing a type inside a union field at path '/1' in the old schema', additionalInfo:'reader union lacking writer type: LONG'}`},
		{compat.Issue{Type: FixedSizeMismatch, Path: "/size", Message: "expected: 8, found: 4"},
			`{errorType:'FIXED_SIZE_MISMATCH', description:'The size of FIXED type field at path '/size' in the new schema does not match with the old schema', additionalInfo:'expected: 8, found: 4'}`},
		{compat.Issue{Type: DifferentSchemaType, Message: "Incompatible because of different schema type"},
			`Incompatible because of different schema type`},
	}
	for _, tt := range tests {
		if got := Describe(tt.is, "new", "old"); got != tt.want {
			t.Errorf("Describe(%s):\n got  %s\n want %s", tt.is.Type, got, tt.want)
		}
	}
}
