package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/load"
)

// joinDir resolves a config-relative path or glob.
func joinDir(dir, p string) string {
	if filepath.IsAbs(p) || dir == "" || dir == "." {
		return p
	}
	return filepath.ToSlash(filepath.Join(dir, p))
}

// displayFindings turns root-relative file names into paths relative to
// the working directory.
func displayFindings(ws load.Workspace, fs []finding.Finding) []finding.Finding {
	for i := range fs {
		fs[i].File = ws.Display(fs[i].File)
		if fs[i].Base != nil {
			fs[i].Base.File = ws.Display(fs[i].Base.File)
		}
	}
	return fs
}

// displayError rewrites the file name of a positioned input error (of
// each, for a set of compile errors).
func displayError(ws load.Workspace, err error) error {
	var ce *load.Errors
	if errors.As(err, &ce) {
		return ce.Renamed(ws.Display)
	}
	var le *load.Error
	if errors.As(err, &le) {
		c := *le
		c.File = ws.Display(le.File)
		return &c
	}
	return err
}

// requireContracts refuses a run that checked nothing it was asked to
// check, since it would pass: each PATH, else each of the configuration's
// contracts globs, else the working directory, must have reached a
// contract among checked (root-relative names). optional allows the
// default working directory to hold none (check with a registry).
func (s *session) requireContracts(args, checked []string, optional bool) error {
	type place struct{ shown, path string }
	var places []place
	from := ""
	switch {
	case len(args) > 0:
		for _, a := range args {
			places = append(places, place{a, a})
		}
	case len(s.cfg.Contracts) > 0:
		from = s.ws.Display(s.ws.Name(s.cfg.Path)) + ": contracts: "
		for _, c := range s.cfg.Contracts {
			places = append(places, place{c, joinDir(s.cfg.Dir, c)})
		}
	case optional:
		return nil
	default:
		places = []place{{".", "."}}
	}
	for _, p := range places {
		in := scopeOf(s.ws, nil, "", []string{p.path})
		if slices.ContainsFunc(checked, in) {
			continue
		}
		switch {
		case strings.ContainsAny(p.path, "*?["):
			return fmt.Errorf("%sno contracts match %q", from, p.shown)
		case len(args) == 0 && len(s.cfg.Contracts) == 0:
			return fmt.Errorf("no contracts in %s or below (OpenAPI, AsyncAPI or .proto files): name files, directories or globs, or set contracts in .contractctl.yaml", s.ws.Display(s.ws.Name(p.path)))
		case isDir(p.path):
			return fmt.Errorf("%s%s: no contracts in this directory or below (OpenAPI, AsyncAPI or .proto files)", from, p.shown)
		default:
			return fmt.Errorf("%s%s: %s", from, p.shown, load.NotAContract)
		}
	}
	return nil
}
