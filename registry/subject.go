package registry

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Format is a subject's schema format.
type Format string

// The schema formats a subject may have.
const (
	Avro       Format = "avro"
	Protobuf   Format = "protobuf"
	JSONSchema Format = "jsonschema"
)

// Formats lists every format.
func Formats() []Format { return []Format{Avro, Protobuf, JSONSchema} }

// ParseFormat reads a format name; Confluent's schemaType spellings (AVRO,
// PROTOBUF, JSON) are accepted too.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "avro":
		return Avro, nil
	case "protobuf", "proto":
		return Protobuf, nil
	case "jsonschema", "json":
		return JSONSchema, nil
	}
	return "", fmt.Errorf("unknown schema format %q: want avro, protobuf or jsonschema", s)
}

// SchemaType is the format's name in Confluent's API: AVRO, PROTOBUF or
// JSON.
func (f Format) SchemaType() string {
	switch f {
	case Protobuf:
		return "PROTOBUF"
	case JSONSchema:
		return "JSON"
	}
	return "AVRO"
}

// SchemaTypeField is the schemaType field of Confluent's API: empty for
// Avro, its default, which answers and requests leave out.
func (f Format) SchemaTypeField() string {
	if f == Avro {
		return ""
	}
	return f.SchemaType()
}

// Ext is the version file extension of the format, with the dot.
func (f Format) Ext() string {
	switch f {
	case Avro:
		return ".avsc"
	case Protobuf:
		return ".proto"
	case JSONSchema:
		return ".json"
	}
	return ""
}

// FormatOf guesses a schema file's format from its extension.
func FormatOf(file string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".avsc":
		return Avro, true
	case ".proto":
		return Protobuf, true
	case ".json":
		return JSONSchema, true
	}
	return "", false
}

// Reserved names in the registry root that cannot be subjects.
const (
	registryFile = "registry.yaml"
	subjectFile  = "subject.yaml"
	lockFile     = ".lock"
)

// maxSubjectLen bounds a subject name by what file systems accept as one
// path element.
const maxSubjectLen = 255

// ValidateSubject refuses a subject name that could escape the registry
// directory or that no file system could hold: empty, "." or "..", or a
// name containing "/", "\", "..", a volume, a control character or invalid
// UTF-8, starting with "." (hidden files are the registry's own) or naming
// registry.yaml. Confluent's strategies' names (<topic>-value, <topic>-key,
// a record's full name, <topic>-<full name>) all pass.
func ValidateSubject(name string) error {
	bad := func(why string) error {
		return &kindError{fmt.Sprintf("invalid subject name %q: %s", name, why), ErrInvalidSubject}
	}
	switch {
	case name == "":
		return &kindError{"invalid subject name: empty", ErrInvalidSubject}
	case len(name) > maxSubjectLen:
		return bad(fmt.Sprintf("longer than %d bytes", maxSubjectLen))
	case !utf8.ValidString(name):
		return bad("not valid UTF-8")
	case strings.Contains(name, ".."):
		return bad(`contains ".."`)
	case strings.ContainsAny(name, `/\`):
		return bad("contains a path separator")
	case strings.HasPrefix(name, "."):
		return bad(`starts with "."`)
	case filepath.IsAbs(name) || filepath.VolumeName(name) != "":
		return bad("is an absolute path")
	case name == registryFile:
		return bad("is the registry's configuration file")
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return bad("contains a control character")
		}
	}
	return nil
}

// versionNumber reads a version file name "N.ext" and reports N (N ≥ 1,
// no leading zeros) and the format of ext.
func versionNumber(name string) (int, Format, bool) {
	f, ok := FormatOf(name)
	if !ok || filepath.Ext(name) != f.Ext() {
		return 0, "", false
	}
	digits := strings.TrimSuffix(name, f.Ext())
	if digits == "" || digits[0] == '0' || len(digits) > 9 {
		return 0, "", false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || strconv.Itoa(n) != digits {
		return 0, "", false
	}
	return n, f, true
}
