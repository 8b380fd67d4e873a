package remote

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/contractctl/contractctl/registry"
)

// Result is what Push or Pull did (or, in a dry run, would do) to one
// subject.
type Result struct {
	Subject string
	// Versions are the versions copied: the source's numbers, and the
	// numbers they got at the destination.
	Versions, As []int
	// Level is the compatibility level set at the destination, if any.
	Level string
	// Conflict says why the subject was left alone: the registries
	// diverged, or the destination refused a version.
	Conflict string
	// Dir is the subject's directory in the files (for reports).
	Dir string
}

// Changed reports whether the subject was (or would be) changed.
func (r *Result) Changed() bool { return len(r.Versions) > 0 || r.Level != "" }

// Line is the result as one line of text.
func (r *Result) Line(push, dryRun bool) string {
	verb, pre := "pulled", ""
	if push {
		verb = "pushed"
	}
	if dryRun {
		pre = "would be "
	}
	switch {
	case r.Conflict != "":
		return r.Subject + ": refused: " + r.Conflict
	case !r.Changed():
		return r.Subject + ": up to date"
	}
	var parts []string
	if len(r.Versions) > 0 {
		p := fmt.Sprintf("%s%s version %s", pre, verb, joinInts(r.Versions))
		if !slices.Equal(r.Versions, r.As) {
			p += " as " + joinInts(r.As)
		}
		parts = append(parts, p)
	}
	if r.Level != "" {
		parts = append(parts, fmt.Sprintf("compatibility %s%s", pre, "set to "+r.Level))
	}
	return r.Subject + ": " + strings.Join(parts, "; ")
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// remoteSubject is a subject as the remote has it.
type remoteSubject struct {
	versions []Schema
	level    string
}

// readRemote reads a subject's live versions and own level.
func (c *Client) readRemote(ctx context.Context, subject string) (*remoteSubject, error) {
	rs := &remoteSubject{}
	nums, err := c.Versions(ctx, subject)
	if err != nil {
		return nil, err
	}
	for _, n := range nums {
		v, err := c.Version(ctx, subject, n)
		if err != nil {
			return nil, err
		}
		if v.Version == 0 {
			v.Version = n
		}
		rs.versions = append(rs.versions, v)
	}
	if rs.level, err = c.Level(ctx, subject); err != nil {
		return nil, err
	}
	return rs, nil
}

// canonical is the normalised form of a remote version as the files'
// subject would read it.
func canonical(st *registry.Store, subject string, v Schema, refs []registry.Reference) (string, error) {
	f := registry.Avro
	if v.SchemaType != "" {
		var err error
		if f, err = registry.ParseFormat(v.SchemaType); err != nil {
			return "", err
		}
	}
	schema, _, err := st.Parse(subject, registry.Candidate{
		File: fmt.Sprintf("%s version %d (remote)", subject, v.Version), Data: []byte(v.Schema), Format: f, References: refs,
	})
	if err != nil {
		return "", err
	}
	return schema.Canonical(), nil
}

// ordered lists subjects so that every subject comes after those it
// references, else by name.
func ordered(names []string, refs func(string) []string) []string {
	var out []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(string)
	visit = func(n string) {
		if state[n] != 0 {
			return
		}
		state[n] = 1
		deps := slices.Clone(refs(n))
		slices.Sort(deps)
		for _, d := range deps {
			if slices.Contains(names, d) {
				visit(d)
			}
		}
		state[n] = 2
		out = append(out, n)
	}
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	for _, n := range sorted {
		visit(n)
	}
	return out
}

// differ compares the first versions of a remote and a local history, as
// many as both have, by normalised schema and in order (a registry may
// renumber versions, and Confluent stores Avro compacted), and describes
// the first pair that differs ("" when none does). A remote version the
// files' subject cannot read counts as different.
func differ(st *registry.Store, subject string, remote []Schema, live []*registry.VersionView, refs []registry.Reference, describe func(r Schema, l *registry.VersionView) string) (string, error) {
	for i := range min(len(remote), len(live)) {
		c, err := canonical(st, subject, remote[i], refs)
		var ie *registry.InvalidSchemaError
		switch {
		case errors.As(err, &ie) || errors.Is(err, registry.ErrOtherFormat):
		case err != nil:
			return "", err
		case c == live[i].Schema.Canonical():
			continue
		}
		return describe(remote[i], live[i]), nil
	}
	return "", nil
}
