package asyncapi

import (
	"regexp"
	"strings"

	"github.com/contractctl/contractctl/house"
	"github.com/contractctl/contractctl/internal/asyncapi"
	yaml "go.yaml.in/yaml/v3"
)

// secretPattern is a shape of live credential.
type secretPattern struct {
	what string
	re   *regexp.Regexp
}

// secretPatterns are the shapes of live credentials. It is constant data.
var secretPatterns = []secretPattern{
	{"an AWS access key", regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`)},
	{"a Stripe live key", regexp.MustCompile(`\b[sr]k_live_[0-9A-Za-z]{10,}`)},
	{"a GitHub token", regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{36,}`)},
	{"a Slack token", regexp.MustCompile(`\bxox[abprs]-[A-Za-z0-9-]{10,}`)},
	{"a Google API key", regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}\b`)},
	{"a private key", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)},
	{"a JSON Web Token", regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)},
}

// secretNameWords are property names whose values are credentials.
func secretNameWords() []string {
	return []string{"password", "passwd", "secret", "token", "apikey", "api_key", "private_key", "client_secret", "access_key"}
}

// placeholderWords mark a value as obviously fake.
func placeholderWords() []string {
	return []string{"example", "xxx", "***", "<", "redacted", "changeme", "your", "dummy", "placeholder", "sample", "test", "fake", "..."}
}

// runNoSecrets scans message examples and the example-like values of
// every schema for live-looking secrets.
func runNoSecrets(p *Pass) {
	p.OnMessage(func(m *asyncapi.Message) {
		for _, ex := range m.Examples {
			scanSecrets(p, ex, "", 0)
		}
	})
	p.OnSchema(func(l asyncapi.Loc) {
		for _, k := range []string{"examples", "example", "default", "const", "enum"} {
			if c, ok := l.Child(k); ok {
				scanSecrets(p, c, "", 0)
			}
		}
	})
}

// scanSecrets reports string values under l that look like live secrets.
func scanSecrets(p *Pass, l asyncapi.Loc, name string, depth int) {
	if l.Node == nil || depth > 64 {
		return
	}
	switch l.Node.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(l.Node.Content); i += 2 {
			k := l.Node.Content[i].Value
			c, _ := l.Child(k)
			scanSecrets(p, c, k, depth+1)
		}
	case yaml.SequenceNode:
		for i := range l.Node.Content {
			scanSecrets(p, l.Item(i), name, depth+1)
		}
	case yaml.ScalarNode:
		if what := looksSecret(name, l.Node.Value); what != "" {
			p.Report(l, "example value looks like %s; replace it with an obvious placeholder and rotate the credential if it was real", what)
		}
	}
}

func looksSecret(name, v string) string {
	for _, sp := range secretPatterns {
		if sp.re.MatchString(v) {
			return sp.what
		}
	}
	if !isSecretName(name) || len(v) < 16 || strings.ContainsAny(v, " \t") {
		return ""
	}
	lv := strings.ToLower(v)
	for _, w := range placeholderWords() {
		if strings.Contains(lv, w) {
			return ""
		}
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
	if letters && digits {
		return "a credential (" + name + ")"
	}
	return ""
}

func isSecretName(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, "-", "_"))
	words := house.SplitWords(name)
	for _, w := range secretNameWords() {
		if n == w || strings.HasSuffix(n, "_"+w) || contains(words, w) {
			return true
		}
	}
	return false
}
