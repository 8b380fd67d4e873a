package main

import (
	"errors"
	"path/filepath"

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
