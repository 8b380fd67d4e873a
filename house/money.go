package house

import (
	"regexp"
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

// qualifierWords are money words that only name money as the last word of
// a name ("total", "account_balance"); before another word they qualify it
// ("total_bytes_sent", "balance_transaction").
var qualifierWords = []string{"total", "balance"}

// unitWords say a name's unit: "amount_minor", "cost_micros",
// "price_in_cents".
var unitWords = []string{"minor", "cents", "micros", "nanos"}

// IsMoneyName reports whether name (snake_case, kebab-case or camelCase)
// names a money value. Words match whole ("price", "amount_due", never a
// part of "priceless"); a name with an excluded word (a counter, an ID, a
// token, a size, a ratio) is not money; "total" and "balance" count only
// as the last word before any unit word and not after "load"
// ("load_balance_token"); a money word after "per" is the denominator of a
// ratio ("value_per_cost").
func (m Money) IsMoneyName(name string) bool {
	words := SplitWords(name)
	last := len(words) - 1
	for last > 0 && containsFold(unitWords, words[last]) {
		last--
	}
	found, per := false, false
	for i, w := range words {
		switch {
		case containsFold(m.Exclude, w):
			return false
		case w == "per":
			per = true
		case per || !containsFold(m.Words, w):
		case containsFold(qualifierWords, w) && (i != last || i > 0 && words[i-1] == "load"):
		default:
			found = true
		}
	}
	return found
}

// IsMinorUnitsName reports whether name says its unit: its last word is
// minor, cents, micros or nanos ("amount_minor", "totalMinor",
// "cost_micros"), or it ends in "minor units".
func IsMinorUnitsName(name string) bool {
	words := SplitWords(name)
	n := len(words)
	switch {
	case n == 0:
		return false
	case containsFold(unitWords, words[n-1]):
		return true
	}
	return n >= 2 && words[n-2] == "minor" && (words[n-1] == "units" || words[n-1] == "unit")
}

// MinorName suggests the minor-units name in the property's own style; a
// name that already says its unit is returned as it is.
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

// IDLikeString reports whether a string schema's constraints fit an
// identifier rather than an amount: room for 64 characters or more (an
// amount never needs it; Stripe's IDs allow 5000), or a pattern that
// starts with a lower-case literal prefix and an underscore (price_…).
func IDLikeString(maxLength int, pattern string) bool {
	if maxLength >= 64 {
		return true
	}
	return idPrefix.MatchString(pattern)
}

var idPrefix = regexp.MustCompile(`^\^[a-z]+_`)

// containsFold reports whether list holds w in any letter case.
func containsFold(list []string, w string) bool {
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
