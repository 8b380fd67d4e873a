package rules

import (
	"fmt"
	"strings"
)

// Explain renders a rule for `contractctl rules RULE-ID`: summary, doc, a
// failing and a passing example.
func Explain(r Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, %s", r.ID, r.Severity, r.Job)
	if len(r.Formats) > 0 {
		fmt.Fprintf(&b, "; %s", formatList(r.Formats))
	}
	if len(r.Categories) > 0 {
		fmt.Fprintf(&b, "; categories %s", strings.Join(r.Categories, ", "))
	}
	fmt.Fprintf(&b, ")\n\n%s\n", r.Summary)
	if r.Doc != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(r.Doc))
	}
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nFails:\n\n%s", indent(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nPasses:\n\n%s", indent(r.Good))
	}
	return b.String()
}

func formatList(fs []Format) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(strings.TrimRight(s, "\n")+"\n", "\n") {
		if line == "" {
			continue
		}
		if line == "\n" {
			b.WriteString(line)
			continue
		}
		b.WriteString("    " + line)
	}
	return b.String()
}

// Markdown renders the whole catalogue as docs/rules.md.
func Markdown(c *Catalog) string {
	var b strings.Builder
	b.WriteString("# contractctl rules\n\n")
	b.WriteString("Generated from the rule catalogue by `go test ./rules -update`; do not edit by hand.\n")
	b.WriteString("Severities are defaults; `.contractctl.yaml` overrides them under `rules:`.\n")
	var job Job
	for _, r := range c.Rules() {
		if r.Job != job {
			job = r.Job
			fmt.Fprintf(&b, "\n## %s\n\n| ID | severity | formats | summary |\n|---|---|---|---|\n", job)
			for _, x := range c.Rules() {
				if x.Job == job {
					fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s |\n", x.ID, anchor(x.ID), x.Severity, formatList(x.Formats), x.Summary)
				}
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "### %s\n\n%s\n", r.ID, r.Summary)
		if r.Doc != "" {
			fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(r.Doc))
		}
		if r.Bad != "" {
			fmt.Fprintf(&b, "\nFails:\n\n```\n%s```\n", ensureNL(r.Bad))
		}
		if r.Good != "" {
			fmt.Fprintf(&b, "\nPasses:\n\n```\n%s```\n", ensureNL(r.Good))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func anchor(id string) string { return strings.ToLower(id) }

func ensureNL(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}
