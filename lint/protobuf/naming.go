package protobuf

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/contractctl/contractctl/internal/protoset"
)

// isDelim reports the characters buf's case conversions treat as word
// separators.
func isDelim(r rune) bool {
	switch r {
	case '.', '-', '_', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// snake converts s to snake_case without changing letter case: delimiters
// become single underscores (leading and trailing ones dropped), and an
// underscore goes before an upper-case letter that starts a word — one
// after a lower-case letter, or one followed by a lower-case letter
// ("HTTPServer" → "HTTP_Server"). Digits never start a word.
func snake(s string) string {
	rs := []rune(strings.TrimFunc(s, isDelim))
	var b strings.Builder
	for i, r := range rs {
		if isDelim(r) {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
			continue
		}
		if i > 0 && unicode.IsUpper(r) && !strings.HasSuffix(b.String(), "_") {
			nextStartsLower := i+1 < len(rs) && !unicode.IsUpper(rs[i+1]) && !unicode.IsDigit(rs[i+1]) && rs[i+1] != '_'
			if nextStartsLower || unicode.IsLower(rs[i-1]) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func lowerSnake(s string) string { return strings.ToLower(snake(s)) }
func upperSnake(s string) string { return strings.ToUpper(snake(s)) }

// isLowerSnake reports whether s is already lower_snake_case.
func isLowerSnake(s string) bool { return s == lowerSnake(s) }

// isUpperSnake reports whether s is already UPPER_SNAKE_CASE.
func isUpperSnake(s string) bool { return s == upperSnake(s) }

// isPascal reports whether s is PascalCase: it starts with an upper-case
// letter and has no separators.
func isPascal(s string) bool {
	if s == "" {
		return false
	}
	r := []rune(s)[0]
	if !unicode.IsUpper(r) {
		return false
	}
	return !strings.ContainsFunc(s, isDelim)
}

// versionSuffix is buf's package version form: v1, v1test…, v1beta1,
// v1p1alpha1 (numbers ≥ 1).
var versionSuffix = regexp.MustCompile(`^v[1-9][0-9]*(test.*|(alpha|beta)([1-9][0-9]*)?|p[1-9][0-9]*(alpha|beta)([1-9][0-9]*)?)?$`)

// looseVersion is the house rule's: also v1alpha, v1beta without a number.
var looseVersion = regexp.MustCompile(`^v[0-9]+(test.*|(alpha|beta)[0-9]*|p[0-9]+(alpha|beta)[0-9]*)?$`)

// isStablePackage reports whether pkg ends in a stable version (v1).
func isStablePackage(pkg string) bool {
	return looseVersion.MatchString(protoset.LastComponent(pkg)) && !protoset.IsUnstablePackage(pkg)
}
