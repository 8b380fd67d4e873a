package remote

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/contractctl/contractctl/registry"
)

// Push publishes the files' subjects to the remote: for each subject (a
// referenced subject before those that reference it) it reads the remote
// state first, refuses the subject when the remote has versions the files
// lack or a version whose schema differs (compared in order, after
// normalisation, since a registry may renumber or reformat), sets the
// subject's own compatibility level from subject.yaml when the remote's
// differs, and registers the missing versions in order. Soft-deleted
// versions are not pushed. A second push changes nothing. With dryRun it
// only reads.
func Push(ctx context.Context, c *Client, st *registry.Store, dryRun bool) ([]Result, error) {
	view, probs, err := st.View(false)
	if err != nil {
		return nil, err
	}
	for _, p := range probs {
		if !p.Warning {
			return nil, fmt.Errorf("the registry has problems; fix them first (contractctl registry check): %w", p.Cause())
		}
	}
	order := ordered(view.Names(), func(n string) []string {
		var deps []string
		for _, r := range view.Subject(n).Config.References {
			deps = append(deps, r.Subject)
		}
		return deps
	})
	// the remote state first, for every subject
	remote := make(map[string]*remoteSubject, len(order))
	for _, name := range order {
		if remote[name], err = c.readRemote(ctx, name); err != nil {
			return nil, err
		}
	}
	// localToRemote maps a subject's local version numbers to the
	// remote's, for references
	localToRemote := map[string]map[int]int{}
	var out []Result
	for _, name := range order {
		sv := view.Subject(name)
		res := Result{Subject: name, Dir: filepath.ToSlash(sv.Dir)}
		m := map[int]int{}
		localToRemote[name] = m
		var live []*registry.VersionView
		for _, vv := range sv.Versions {
			if !vv.Deleted {
				live = append(live, vv)
			}
		}
		rs := remote[name]
		conflict, err := compareRemote(st, name, live, rs)
		if err != nil {
			return nil, err
		}
		if conflict != "" {
			res.Conflict = conflict
			out = append(out, res)
			continue
		}
		for i, rv := range rs.versions {
			m[live[i].Number] = rv.Version
		}
		// the level is set once the remote has the subject (some registries
		// keep no configuration for a subject they do not hold), before the
		// versions that must satisfy it
		setLevel := func() error { return nil }
		if lvl, own := sv.Config.OwnLevel(); own && lvl.String() != rs.level {
			res.Level = lvl.String()
			setLevel = func() error {
				setLevel = func() error { return nil }
				if dryRun {
					return nil
				}
				return c.SetLevel(ctx, name, res.Level)
			}
		}
		if len(rs.versions) > 0 || len(live) == 0 {
			if err := setLevel(); err != nil {
				return nil, err
			}
		}
		next := 1
		if k := len(rs.versions); k > 0 {
			next = rs.versions[k-1].Version + 1
		}
		for _, vv := range live[len(rs.versions):] {
			req := Schema{Schema: string(vv.Text), SchemaType: vv.Format.SchemaTypeField()}
			for _, ref := range vv.References {
				ref = view.ResolveReference(ref)
				rv, ok := localToRemote[ref.Subject][ref.Version]
				if !ok {
					res.Conflict = fmt.Sprintf("version %d references %s version %d, which the remote does not hold", vv.Number, ref.Subject, ref.Version)
					break
				}
				req.References = append(req.References, Reference{Name: ref.Name, Subject: ref.Subject, Version: rv})
			}
			if res.Conflict != "" {
				break
			}
			as := next
			if !dryRun {
				if _, err := c.Register(ctx, name, req); err != nil {
					var ae *APIError
					if errors.As(err, &ae) && ae.Status < 500 && ae.Status != 401 && ae.Status != 403 {
						res.Conflict = fmt.Sprintf("the remote refused version %d: %s (error %d)", vv.Number, ae.Msg, ae.Code)
						break
					}
					return nil, err
				}
				got, err := c.Lookup(ctx, name, req)
				if err != nil {
					return nil, err
				}
				as = got.Version
			}
			next = as + 1
			m[vv.Number] = as
			res.Versions, res.As = append(res.Versions, vv.Number), append(res.As, as)
			if err := setLevel(); err != nil {
				return nil, err
			}
		}
		out = append(out, res)
	}
	return out, nil
}

// compareRemote tells why a subject's remote versions are not a prefix of
// its live local ones, or "".
func compareRemote(st *registry.Store, subject string, live []*registry.VersionView, rs *remoteSubject) (string, error) {
	if len(rs.versions) > len(live) {
		extra := rs.versions[len(live):]
		nums := make([]int, len(extra))
		for i, v := range extra {
			nums[i] = v.Version
		}
		return fmt.Sprintf("the remote has versions the files lack (remote version %s); pull them first, or remove them from the remote", joinInts(nums)), nil
	}
	return differ(st, subject, rs.versions, live, nil, func(r Schema, l *registry.VersionView) string {
		return fmt.Sprintf("remote version %d holds another schema than version %d of the files", r.Version, l.Number)
	})
}
