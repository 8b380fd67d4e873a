package house

import (
	"regexp"
	"strings"
)

// secretShape is one kind of live credential recognised by its form.
type secretShape struct {
	what  string
	hints []string // one of them is in every match, checked first
	re    *regexp.Regexp
	// long shapes (JWTs, PEM blocks) are long enough to hold any short word
	// or a run of one character by chance ("AAAAAAAA" in OpenSSH keys), so
	// only placeholder marks clear them.
	long bool
}

// secretShapes are the live-credential forms, most specific first. It is
// constant data.
var secretShapes = []secretShape{
	{what: "a live Stripe secret key (sk_live_…)", hints: []string{"sk_live_"},
		re: regexp.MustCompile(`sk_live_[0-9A-Za-z]{10,}`)},
	{what: "a live Stripe restricted key (rk_live_…)", hints: []string{"rk_live_"},
		re: regexp.MustCompile(`rk_live_[0-9A-Za-z]{10,}`)},
	{what: "an AWS access key ID (AKIA…/ASIA…)", hints: []string{"AKIA", "ASIA"},
		re: regexp.MustCompile(`(?:^|[^0-9A-Za-z])(?:AKIA|ASIA)[0-9A-Z]{16}(?:$|[^0-9A-Za-z])`)},
	{what: "a GitHub token (ghp_…, gho_…, ghu_…, ghs_…, ghr_…)", hints: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"},
		re: regexp.MustCompile(`\bgh[pousr]_[0-9A-Za-z]{36}`)},
	{what: "a GitHub fine-grained token (github_pat_…)", hints: []string{"github_pat_"},
		re: regexp.MustCompile(`github_pat_[0-9A-Za-z_]{40,}`)},
	{what: "a Slack token (xox…)", hints: []string{"xox"},
		re: regexp.MustCompile(`\bxox[abprs]-[0-9]+-[0-9A-Za-z-]{10,}`)},
	{what: "a Google API key (AIza…)", hints: []string{"AIza"},
		re: regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}`)},
	{what: "a PEM private key", hints: []string{"PRIVATE KEY-----"}, long: true,
		re: regexp.MustCompile(`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----`)},
	{what: "a JSON Web Token", hints: []string{"eyJ"}, long: true,
		re: regexp.MustCompile(`\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{8,}`)},
}

// bearer is an Authorization header value; its token must look random.
var bearer = regexp.MustCompile(`(?i)\bbearer\s+([0-9A-Za-z._~+/-]+=*)`)

// credentialWords are the words of names whose values are credentials
// ("password", "client_secret", "accessToken", "X-Api-Key").
var credentialWords = []string{"password", "passwd", "passphrase", "secret", "token", "apikey"}

// notCredentialWords make a credential-sounding name something else: a
// page cursor ("next_page_token"), a reference ("secret_name",
// "api_key_id"), a kind or a count ("token_type", "max_tokens"), a rule
// about one ("password_policy"), or a date.
var notCredentialWords = []string{"page", "cursor", "next", "continuation", "sync", "pagination", "resume",
	"idempotency", "id", "ids", "arn", "ref", "name", "type", "count", "limit", "url", "uri", "hint", "policy",
	"length", "expires", "expiry", "expiration", "at"}

// credentialPairs are two-word credential names ("api_key", "privateKey").
var credentialPairs = [][2]string{{"api", "key"}, {"private", "key"}, {"access", "key"}, {"secret", "key"}}

// placeholderMarks make any value an obvious stand-in: elisions, template
// slots and masks.
var placeholderMarks = []string{"...", "…", "<", ">", "{{", "${", "***"}

// placeholderWords make a short credential an obvious stand-in. "test"
// covers Stripe's and others' test-mode keys, which are published and move
// no money; "changeme" is the conventional "replace me" value, not a
// credential of anything.
var placeholderWords = []string{"example", "xxx", "redacted", "changeme", "change_me", "your", "dummy",
	"placeholder", "sample", "test", "fake", "secret", "password", "token", "12345678", "abcdefgh"}

// Secret names what value looks like when it looks like a live credential,
// or returns "". A value is a credential by its form (a live Stripe key, an
// AWS access key ID, a GitHub, Slack or Google token, a PEM private key, a
// JWT, a Bearer header with a random-looking token), or by its name: under
// a credential's name (password, secret, token, api_key, …; name is the
// key the value is written under, "" for none) a random-looking value of
// 12 or more characters. An obvious placeholder (AWS's documented
// AKIA…EXAMPLE key, sk_test_…, <your-token>, ***, xxxx, changeme, a value
// with a run of one repeated character) is never a credential.
func Secret(name, value string) string {
	for _, s := range secretShapes {
		m := s.match(value)
		if m == "" {
			continue
		}
		if s.long && !hasMark(value) || !s.long && !placeholder(m) {
			return s.what
		}
	}
	if len(value) < 12 {
		return ""
	}
	if strings.Contains(value, "earer") || strings.Contains(value, "EARER") {
		if m := bearer.FindStringSubmatch(value); m != nil && randomLooking(m[1], 16) {
			return "a Bearer token"
		}
	}
	if !strings.ContainsAny(value, " \t\n") && !strings.Contains(value, "://") && randomLooking(value, 12) &&
		isCredentialName(name) {
		return "a credential (" + name + ")"
	}
	return ""
}

// match returns the first match of s in v, or "".
func (s secretShape) match(v string) string {
	for _, h := range s.hints {
		if strings.Contains(v, h) {
			return s.re.FindString(v)
		}
	}
	return ""
}

// isCredentialName reports whether name names a credential.
func isCredentialName(name string) bool {
	words := SplitWords(name)
	for _, w := range words {
		if containsFold(notCredentialWords, w) {
			return false
		}
	}
	for i, w := range words {
		if containsFold(credentialWords, w) {
			return true
		}
		if i > 0 {
			for _, p := range credentialPairs {
				if words[i-1] == p[0] && w == p[1] {
					return true
				}
			}
		}
	}
	return false
}

// randomLooking reports whether v could be a generated credential: at
// least minLen characters, letters and digits both, and no placeholder.
func randomLooking(v string, minLen int) bool {
	if len(v) < minLen || placeholder(v) {
		return false
	}
	var letters, digits bool
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letters = true
		}
	}
	return letters && digits
}

// placeholder reports whether v is an obvious stand-in for a credential.
func placeholder(v string) bool {
	if hasMark(v) || hasRun(v) {
		return true
	}
	lv := strings.ToLower(v)
	for _, w := range placeholderWords {
		if strings.Contains(lv, w) {
			return true
		}
	}
	return false
}

// hasMark reports whether v has a placeholder mark.
func hasMark(v string) bool {
	for _, m := range placeholderMarks {
		if strings.Contains(v, m) {
			return true
		}
	}
	return false
}

// hasRun reports whether v has a run of six or more of one character
// ("sk_live_000000…", "AKIAAAAAAAAA…").
func hasRun(v string) bool {
	run := 0
	for i := 1; i < len(v); i++ {
		if v[i] == v[i-1] {
			run++
			if run >= 5 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
