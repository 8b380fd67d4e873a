package main

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/diff"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/gitrev"
	"github.com/contractctl/contractctl/internal/glob"
	"github.com/contractctl/contractctl/internal/load"
)

func newDiffCmd(g *globals) *cobra.Command {
	var (
		out       reportFlags
		base      string
		changelog bool
		skip      bool
	)
	cmd := &cobra.Command{
		Use:   "diff [--base REV] [PATH...] | diff BASE_FILE HEAD_FILE | diff BASE_DIR HEAD_DIR",
		Short: "Report breaking changes against the git base (or between two files)",
		Long: "Compare every contract in the working tree (PATHs as for lint) with the same file at the\n" +
			"base revision, read through git without a checkout. The base is --base, else\n" +
			"origin/$GITHUB_BASE_REF, else $CI_MERGE_REQUEST_DIFF_BASE_SHA, else the merge-base of HEAD\n" +
			"with origin/HEAD, origin/main or main. With two existing files and no --base, compares\n" +
			"BASE_FILE with HEAD_FILE without git; with two directories, compares their Protobuf trees\n" +
			"like `buf breaking HEAD_DIR --against BASE_DIR` (HEAD_DIR's buf.yaml applies).\n\n" +
			"Reports breaking changes (error) and warnings; --changelog adds every other change (info).",
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := out.validate(); err != nil {
				return err
			}
			s, err := g.session()
			if err != nil {
				return err
			}
			ws, cfg := s.ws, s.cfg
			opt := diff.Options{Head: s.head, Options: contract.Options{Config: cfg, Catalog: g.catalog, Today: s.today}, AllowRemote: g.allowRemoteRefs}
			var fs []finding.Finding
			if base == "" && len(args) == 2 && isDir(args[0]) && isDir(args[1]) {
				fs, err = diff.Trees(opt, args[0], args[1])
				if err != nil {
					return err
				}
				if !changelog {
					fs = withoutInfo(fs)
				}
				return out.emit(g, treeFindings(fs, args[0], args[1]), "API changes")
			}
			if base == "" && len(args) == 2 && isFile(args[0]) && isFile(args[1]) {
				bl := load.NewLoader(ws.Reader(), "")
				bl.AllowRemote = g.allowRemoteRefs
				fs, err = diff.Files(opt, bl, ws.Name(args[0]), ws.Name(args[1]))
				if err != nil {
					return displayError(ws, err)
				}
			} else {
				// The named paths first: a missing or unreadable one is the
				// user's error to see, not that there is no git repository.
				files, err := s.candidates(args, skip)
				if err != nil {
					return err
				}
				repo, err := gitrev.Open(ws.Cwd)
				if err != nil {
					return err
				}
				b, err := repo.ResolveBase(base, os.Getenv)
				if err != nil {
					return err
				}
				scope := scopeOf(ws, cfg.Contracts, cfg.Dir, args)
				fs, err = diff.Run(opt, diff.Git{Repo: repo, Base: b.Commit, InScope: scope}, files)
				if err != nil {
					return displayError(ws, err)
				}
			}
			if !changelog {
				fs = withoutInfo(fs)
			}
			return out.emit(g, displayFindings(ws, fs), "API changes")
		},
	}
	out.add(cmd, "")
	f := cmd.Flags()
	f.StringVar(&base, "base", "", "base revision to compare with (branch, tag, SHA, origin/main, HEAD~1)")
	f.BoolVar(&changelog, "changelog", false, "report every change, info included (default: breaking changes and warnings)")
	f.BoolVar(&skip, "skip-non-contracts", false, "skip named files that are not contracts instead of failing (for pre-commit hooks)")
	return cmd
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// treeFindings names the files of a tree-to-tree diff relative to the
// working directory: head files under headDir, files deleted since the
// base under baseDir. Run from inside a tree, names stay relative to it.
func treeFindings(fs []finding.Finding, baseDir, headDir string) []finding.Finding {
	for i := range fs {
		dir := headDir
		if !isFile(filepath.Join(headDir, filepath.FromSlash(fs[i].File))) {
			dir = baseDir
		}
		fs[i].File = filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(fs[i].File)))
		if b := fs[i].Base; b != nil {
			b.File = filepath.ToSlash(filepath.Join(baseDir, filepath.FromSlash(b.File)))
		}
	}
	return finding.Sort(fs)
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func withoutInfo(fs []finding.Finding) []finding.Finding {
	out := fs[:0]
	for _, f := range fs {
		if f.Severity > finding.Info {
			out = append(out, f)
		}
	}
	return out
}

// scopeOf decides which base files belong to the compared contracts, so
// that a file deleted since the base is reported when it was under one of
// the PATHs (a file, a directory or a glob).
func scopeOf(ws load.Workspace, contracts []string, configDir string, args []string) func(string) bool {
	if len(args) == 0 {
		if len(contracts) > 0 {
			for _, c := range contracts {
				args = append(args, joinDir(configDir, c))
			}
		} else {
			args = []string{"."}
		}
	}
	var patterns []string
	for _, a := range args {
		patterns = append(patterns, ws.Name(a))
	}
	return func(name string) bool {
		for _, p := range patterns {
			switch {
			case p == "." || p == name:
				return true
			case strings.ContainsAny(p, "*?["):
				if ok, _ := glob.Match(p, name); ok {
					return true
				}
			case strings.HasPrefix(name, strings.TrimSuffix(p, "/")+"/"):
				return !hidden(strings.TrimPrefix(name, p+"/"))
			}
		}
		return false
	}
}

// hidden mirrors load.Discover's skipped directories.
func hidden(rel string) bool {
	for _, seg := range strings.Split(path.Dir(rel), "/") {
		if seg != "." && (strings.HasPrefix(seg, ".") || seg == "node_modules" || seg == "vendor") {
			return true
		}
	}
	return false
}
