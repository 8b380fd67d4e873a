package house

import (
	"strings"
	"unicode"
)

// Money configures which property names denote money.
type Money struct {
	// Words: a name is a money name when one of its words is in Words …
	Words []string `yaml:"words"`
	// … and none of its words is in Exclude.
	Exclude []string `yaml:"exclude"`
}

// IsMoneyName reports whether name (snake_case, kebab-case or camelCase)
// names a money value.
func (m Money) IsMoneyName(name string) bool {
	words := SplitWords(name)
	found := false
	for _, w := range words {
		if contains(m.Exclude, w) {
			return false
		}
		if contains(m.Words, w) {
			found = true
		}
	}
	return found
}

// IsMinorUnitsName reports whether name ends in _minor or Minor.
func IsMinorUnitsName(name string) bool {
	return strings.HasSuffix(name, "_minor") || strings.HasSuffix(name, "Minor") || strings.HasSuffix(name, "-minor")
}

// MinorName suggests the minor-units name in the property's own style.
func MinorName(name string) string {
	switch {
	case IsMinorUnitsName(name):
		return name
	case strings.Contains(name, "_"):
		return name + "_minor"
	case strings.Contains(name, "-"):
		return name + "-minor"
	case strings.ToLower(name) != name:
		return name + "Minor"
	}
	return name + "_minor"
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if strings.EqualFold(x, w) {
			return true
		}
	}
	return false
}

// SplitWords splits an identifier at '_', '-', '.', spaces and camelCase
// boundaries, lower-cased: "totalAmountMinor" → [total amount minor],
// "HTTPStatus" → [http status].
func SplitWords(name string) []string {
	var words []string
	rs := []rune(name)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, strings.ToLower(string(rs[start:end])))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsUpper(r) && unicode.IsLower(prev),
			unicode.IsUpper(r) && unicode.IsDigit(prev),
			unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return words
}
