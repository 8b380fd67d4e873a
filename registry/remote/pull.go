package remote

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/contractctl/contractctl/registry"
)

// Pull imports the remote's subjects into the files, so that a team can
// adopt contractctl from an existing registry: new subjects (with their
// format, references and own compatibility level) and new versions only,
// in order, each keeping the remote's ID where it is free. Existing files
// are never rewritten: a subject whose files hold versions the remote
// lacks, or a version whose schema differs, is refused. With dryRun it
// only reads.
func Pull(ctx context.Context, c *Client, st *registry.Store, dryRun bool) ([]Result, error) {
	names, err := c.Subjects(ctx)
	if err != nil {
		return nil, err
	}
	remote := make(map[string]*remoteSubject, len(names))
	for _, name := range names {
		if err := registry.ValidateSubject(name); err != nil {
			return nil, fmt.Errorf("the remote's subject %q cannot be a directory of the files: %w", name, err)
		}
		if remote[name], err = c.readRemote(ctx, name); err != nil {
			return nil, err
		}
	}
	order := ordered(names, func(n string) []string {
		var deps []string
		for _, v := range remote[n].versions {
			for _, r := range v.References {
				deps = append(deps, r.Subject)
			}
		}
		return deps
	})
	view, _, err := st.View(false)
	if err != nil {
		return nil, err
	}
	// remoteToLocal maps a subject's remote version numbers to the files'
	remoteToLocal := map[string]map[int]int{}
	var out []Result
	for _, name := range order {
		rs := remote[name]
		m := map[int]int{}
		remoteToLocal[name] = m
		res := Result{Subject: name, Dir: filepath.ToSlash(filepath.Join(st.Root(), name))}
		if len(rs.versions) == 0 {
			continue
		}
		format, err := registry.ParseFormat(orAvro(rs.versions[0].SchemaType))
		if err != nil {
			res.Conflict = fmt.Sprintf("schemaType %q", rs.versions[0].SchemaType)
			out = append(out, res)
			continue
		}
		// the references, as one list per subject in the files' numbers
		refs, conflict := localReferences(rs, remoteToLocal)
		var live []*registry.VersionView
		highest := 0
		sv := view.Subject(name)
		if sv != nil {
			res.Dir = filepath.ToSlash(sv.Dir)
			for _, vv := range sv.Versions {
				highest = max(highest, vv.Number)
				if !vv.Deleted {
					live = append(live, vv)
				}
			}
			if conflict == "" && refs != nil && !slices.Equal(refs, sv.Config.References) {
				conflict = fmt.Sprintf("the remote's references %v differ from subject.yaml's %v", refs, sv.Config.References)
			}
		}
		if conflict == "" {
			conflict, err = compareLocal(st, name, live, rs, refs)
			if err != nil {
				return nil, err
			}
		}
		if conflict != "" {
			res.Conflict = conflict
			out = append(out, res)
			continue
		}
		for i, vv := range live {
			m[rs.versions[i].Version] = vv.Number
		}
		var versions []registry.ImportVersion
		for _, rv := range rs.versions[len(live):] {
			n := max(rv.Version, highest+1) // the remote's number when it is free
			highest = n
			m[rv.Version] = n
			versions = append(versions, registry.ImportVersion{Number: n, Data: []byte(rv.Schema), ID: rv.ID})
			res.Versions, res.As = append(res.Versions, rv.Version), append(res.As, n)
		}
		if sv == nil && rs.level != "" {
			res.Level = rs.level
		}
		if len(versions) > 0 && !dryRun {
			err := st.Import(name, registry.ImportSubject{Format: format, References: refs, Compatibility: rs.level}, versions)
			var ie *registry.InvalidSchemaError
			switch {
			case errors.As(err, &ie) || errors.Is(err, registry.ErrOtherFormat):
				res.Conflict = "the remote's versions cannot be read: " + err.Error()
				res.Versions, res.As, res.Level = nil, nil, ""
			case err != nil:
				return nil, err
			}
		}
		out = append(out, res)
	}
	return out, nil
}

func orAvro(t string) string {
	if t == "" {
		return "AVRO"
	}
	return t
}

// localReferences translates the references of a subject's remote
// versions to the files' version numbers; the files keep one list per
// subject, so versions with different references are a conflict. nil:
// no references.
func localReferences(rs *remoteSubject, remoteToLocal map[string]map[int]int) ([]registry.Reference, string) {
	var refs []registry.Reference
	for i, v := range rs.versions {
		var these []registry.Reference
		for _, r := range v.References {
			n, ok := remoteToLocal[r.Subject][r.Version]
			if !ok {
				return nil, fmt.Sprintf("version %d references %s version %d, which was not pulled", v.Version, r.Subject, r.Version)
			}
			these = append(these, registry.Reference{Name: r.Name, Subject: r.Subject, Version: n})
		}
		if i > 0 && !slices.Equal(these, refs) {
			return nil, fmt.Sprintf("versions %d and %d have different references; the files keep one list per subject", rs.versions[0].Version, v.Version)
		}
		refs = these
	}
	return refs, ""
}

// compareLocal tells why a subject's live local versions are not a prefix
// of the remote's, or "".
func compareLocal(st *registry.Store, subject string, live []*registry.VersionView, rs *remoteSubject, refs []registry.Reference) (string, error) {
	if len(live) > len(rs.versions) {
		nums := make([]int, 0, len(live)-len(rs.versions))
		for _, v := range live[len(rs.versions):] {
			nums = append(nums, v.Number)
		}
		return fmt.Sprintf("the files have versions the remote lacks (version %s); push them, or pull into another registry", joinInts(nums)), nil
	}
	return differ(st, subject, rs.versions, live, refs, func(r Schema, l *registry.VersionView) string {
		return fmt.Sprintf("version %d of the files holds another schema than remote version %d", l.Number, r.Version)
	})
}
