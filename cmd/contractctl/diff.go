package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/diff"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/gitrev"
	"github.com/contractctl/contractctl/internal/glob"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/report"
)

func newDiffCmd(g *globals) *cobra.Command {
	var (
		out       reportFlags
		base      baseFlags
		changelog bool
		skip      bool
	)
	cmd := &cobra.Command{
		Use:   "diff [--base REV | --base-exact REV] [PATH...] | diff BASE_FILE HEAD_FILE | diff BASE_DIR HEAD_DIR",
		Short: "Report breaking changes against the git base (or between two files)",
		Long: "Compare every contract in the working tree (PATHs as for lint) with the same file at the\n" +
			"base, read through git without a checkout. --base REV compares with the merge-base of REV\n" +
			"and HEAD — where the branch left REV, as a pull request shows it — so work that REV gained\n" +
			"since is not reported as this change's; --base-exact REV compares with REV itself. Without\n" +
			"either, REV is origin/$GITHUB_BASE_REF (merge-base), else $CI_MERGE_REQUEST_DIFF_BASE_SHA\n" +
			"(as is), else origin/HEAD, origin/main or main (merge-base). The base is printed on stderr\n" +
			"in text mode (comparing with main @ 1a2b3c4 (merge-base)) and is in the json and markdown\n" +
			"reports. With two existing files and no base flag, compares BASE_FILE with HEAD_FILE\n" +
			"without git; with two directories, compares their Protobuf trees like\n" +
			"`buf breaking HEAD_DIR --against BASE_DIR` (HEAD_DIR's buf.yaml applies).\n\n" +
			"Reports breaking changes (error) and warnings; --changelog adds every other change (info).",
		Example: "  contractctl diff                          # against the pull request's base, in CI or locally\n" +
			"  contractctl diff --base origin/main api/   # what this branch changed since it left main\n" +
			"  contractctl diff --base-exact v1.4.0       # against the tag itself\n" +
			"  contractctl diff old.yaml new.yaml --changelog --format markdown",
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
			rep := report.Options{Title: "API changes"}
			var fs []finding.Finding
			switch {
			case !base.set() && len(args) == 2 && isDir(args[0]) && isDir(args[1]):
				fs, rep.Files, err = diff.Trees(opt, args[0], args[1])
				if err != nil {
					return err
				}
				if !changelog {
					fs = withoutInfo(fs)
				}
				return out.emitReport(g, fs, rep)
			case !base.set() && len(args) == 2 && isFile(args[0]) && isFile(args[1]):
				bl := load.NewLoader(ws.Reader(), "")
				bl.AllowRemote = g.allowRemoteRefs
				fs, err = diff.Files(opt, bl, ws.Name(args[0]), ws.Name(args[1]))
				if err != nil {
					return displayError(ws, err)
				}
				rep.Files = 1
			default:
				// The named paths first: a missing or unreadable one is the
				// user's error to see, not that there is no git repository.
				files, err := s.candidates(args, skip)
				if err != nil {
					return err
				}
				repo, b, err := base.resolve(ws.Cwd)
				if errors.Is(err, gitrev.ErrNoCommit) {
					// A repository's first commit (the pre-commit hook): there
					// is nothing to break yet.
					fmt.Fprintln(g.stderr, "contractctl: note: the repository has no commit yet: nothing to compare with")
					return out.emitReport(g, nil, rep)
				}
				if err != nil {
					return err
				}
				scope := scopeOf(ws, cfg.Contracts, cfg.Dir, args)
				var checked []string
				fs, checked, err = diff.Run(opt, diff.Git{Repo: repo, Base: b.Commit, InScope: scope}, files)
				if err != nil {
					return displayError(ws, err)
				}
				if !skip {
					if err := s.requireContracts(args, checked, false); err != nil {
						return err
					}
				}
				// Said once the inputs are known good: a run refused for
				// them compared with nothing.
				rep.Base = announce(g, out.format, b)
				rep.Files = len(checked)
			}
			if !changelog {
				fs = withoutInfo(fs)
			}
			s.release()
			return out.emitReport(g, displayFindings(ws, fs), rep)
		},
	}
	out.add(cmd, "")
	base.add(cmd)
	f := cmd.Flags()
	f.BoolVar(&changelog, "changelog", false, "report every change, info included (default: breaking changes and warnings)")
	f.BoolVar(&skip, "skip-non-contracts", false, "skip named files that are not contracts instead of failing (for pre-commit hooks)")
	return cmd
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
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
				ok, err := load.Reaches(filepath.Join(ws.Root, filepath.FromSlash(p)), strings.TrimPrefix(name, p+"/"))
				return ok && err == nil
			}
		}
		return false
	}
}
