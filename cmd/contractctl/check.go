package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/diff"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/baseline"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/report"
	"github.com/contractctl/contractctl/lint"
	"github.com/contractctl/contractctl/registry"
	"github.com/contractctl/contractctl/rules"
)

// checkRun is one `contractctl check`: what it found, by job.
type checkRun struct {
	lint, diff, registry []finding.Finding
}

func newCheckCmd(g *globals) *cobra.Command {
	var (
		out       reportFlags
		base      baseFlags
		newOnly   bool
		changelog bool
		sarifPath string
	)
	cmd := &cobra.Command{
		Use:   "check [--base REV | --base-exact REV] [PATH...]",
		Short: "The one command for CI: lint, breaking changes against the base, and the registry, in one report",
		Long: "Lint every contract, diff every contract against the base (resolved as for diff: --base REV\n" +
			"is the merge-base of REV and HEAD), and check the schema registry when one exists — one run,\n" +
			"one report, one exit code. Each file is parsed once per revision.\n\n" +
			"Without --base, when git cannot give a base (not a repository, git's \"dubious ownership\"\n" +
			"refusal, no base branch), the breaking-change check cannot run: in CI (CI, GITHUB_ACTIONS or\n" +
			"GITLAB_CI set) that is exit 2 with git's reason and the fix; locally a one-line warning.\n\n" +
			"--new-only drops lint findings that also exist at the base, so a legacy API can adopt the\n" +
			"house rules without fixing everything first; a committed .contractctl-baseline.json\n" +
			"(contractctl baseline write) does the same against a recorded list.\n\n" +
			"On GitHub Actions it also writes the outputs breaking and findings to $GITHUB_OUTPUT and a\n" +
			"Markdown summary to $GITHUB_STEP_SUMMARY.",
		Example: "  contractctl check                                   # in CI: the pull request's base is found\n" +
			"  contractctl check --base origin/main --new-only\n" +
			"  contractctl check --format github --sarif contractctl.sarif",
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := out.validate(); err != nil {
				return err
			}
			if err := checkReportTarget(sarifPath); err != nil {
				return fmt.Errorf("--sarif %w", err)
			}
			s, err := g.session()
			if err != nil {
				return err
			}
			files, err := s.candidates(args, false)
			if err != nil {
				return err
			}
			ws, cfg := s.ws, s.cfg
			var run checkRun
			var checked []string
			if run.lint, checked, err = s.lint(g, files); err != nil {
				return err
			}
			rep := report.Options{Title: "contractctl check"}

			var bs *diff.Base
			repo, b, err := base.resolve(ws.Cwd)
			switch {
			case err != nil && base.set():
				return err
			case err != nil:
				if err := noBase(g, err); err != nil {
					return err
				}
			default:
				bs, err = diff.OpenBase(repo, b.Commit, g.allowRemoteRefs)
				if err != nil {
					return err
				}
				defer bs.Close()
				scope := scopeOf(ws, cfg.Contracts, cfg.Dir, args)
				dopt := diff.Options{Head: s.head, Options: contract.Options{Config: cfg, Catalog: g.catalog, Today: s.today}, AllowRemote: g.allowRemoteRefs}
				var compared []string
				if run.diff, compared, err = diff.Compare(dopt, diff.Git{Repo: repo, Base: b.Commit, InScope: scope}, bs, files); err != nil {
					return displayError(ws, err)
				}
				checked = append(checked, compared...)
				if !changelog {
					run.diff = withoutInfo(run.diff)
				}
				if newOnly {
					if run.lint, err = dropKnown(s.lintOptions(g, bs.Loader), s.head, run.lint, baseCandidates(bs.Files, scope)); err != nil {
						return displayError(ws, err)
					}
				}
			}
			hasRegistry, err := checkRegistry(g, ws, cfg, bs, s.today, &run)
			if err != nil {
				return err
			}
			if err := s.requireContracts(args, checked, hasRegistry); err != nil {
				return err
			}
			if bs != nil {
				// Said once the inputs are known good: a run refused for
				// them compared with nothing.
				rep.Base = announce(g, out.format, b)
			}
			if run.lint, err = dropBaselined(ws, run.lint); err != nil {
				return err
			}

			s.release()
			if bs != nil {
				bs.Loader = nil
			}
			all := finding.Sort(append(append(append([]finding.Finding{}, run.lint...), run.diff...), run.registry...))
			all = displayFindings(ws, all)
			slices.Sort(checked)
			rep.Files = len(slices.Compact(checked))
			if err := writeSide(g, all, run, sarifPath, rep); err != nil {
				return err
			}
			return out.emitReport(g, all, rep)
		},
	}
	out.add(cmd, "")
	base.add(cmd)
	f := cmd.Flags()
	f.BoolVar(&newOnly, "new-only", false, "report only lint findings that do not exist at the base revision")
	f.BoolVar(&changelog, "changelog", false, "include non-breaking changes (info) in the report")
	f.StringVar(&sarifPath, "sarif", "", "also write a SARIF report to this file")
	return cmd
}

// baseCandidates lists the base revision's contract files in scope.
func baseCandidates(files []string, inScope func(string) bool) []load.Candidate {
	var out []load.Candidate
	for _, f := range files {
		if load.IsContractExt(f) && inScope(f) {
			out = append(out, load.Candidate{Path: f})
		}
	}
	return out
}

// dropKnown drops the findings of now whose fingerprint (rule, file,
// pointer) already exists at the base. A file unchanged since the base has
// the same findings there, so it is not linted again; the other base files
// are.
func dropKnown(opt lint.Options, head *load.Loader, now []finding.Finding, baseFiles []load.Candidate) ([]finding.Finding, error) {
	unchanged := map[string]bool{}
	var changed []load.Candidate
	for _, c := range baseFiles {
		if load.Unchanged(opt.Loader, head, c.Path) {
			unchanged[c.Path] = true
		} else {
			changed = append(changed, c)
		}
	}
	before, _, err := lint.Run(opt, changed)
	if err != nil {
		return nil, fmt.Errorf("linting the base revision: %w", err)
	}
	out := baseline.FromFindings(before).Filter(now, waivable)
	kept := out[:0]
	for _, f := range out {
		if !unchanged[f.File] || !waivable(f) {
			kept = append(kept, f)
		}
	}
	return kept, nil
}

// dropBaselined drops lint findings recorded in the repository's committed
// baseline file, if there is one.
func dropBaselined(ws load.Workspace, fs []finding.Finding) ([]finding.Finding, error) {
	known, err := baseline.Read(filepath.Join(ws.Root, baseline.File))
	if err != nil {
		return nil, err
	}
	return known.Filter(fs, waivable), nil
}

// waivable reports whether a baseline or --new-only may drop a finding:
// any but a contract that cannot be read, which was not checked at all.
func waivable(f finding.Finding) bool { return f.Rule != rules.ContractInvalid }

// checkRegistry checks the schema registry when its root holds a
// registry.yaml (and says whether it did); with a base, registered
// versions must be unchanged and only new versions are checked.
func checkRegistry(g *globals, ws load.Workspace, cfg *config.Config, bs *diff.Base, today time.Time, run *checkRun) (bool, error) {
	root := registryRoot(ws, cfg) // the config is read once per run
	if _, err := os.Stat(filepath.Join(root, "registry.yaml")); err != nil {
		return false, nil
	}
	store, err := registry.Open(root, g.catalog)
	if err != nil {
		return true, err
	}
	var opt registry.CheckOptions
	if bs != nil {
		opt.Base = &registry.Revision{Name: bs.Commit, Files: bs.Files, Reader: bs.Reader, Dir: ws.Name(root)}
	}
	fs, err := store.Check(opt)
	if err != nil {
		return true, dispErr(ws, err)
	}
	run.registry = cfg.Apply(rootRelative(ws, fs), g.catalog, today)
	return true, nil
}

// githubSummaryLimit keeps the job summary under GitHub's 1 MiB per step.
const githubSummaryLimit = 1 << 20

// writeSide writes what a pipeline reads beside the report: a SARIF file,
// and on GitHub Actions the step outputs and the job summary.
func writeSide(g *globals, all []finding.Finding, run checkRun, sarifPath string, opt report.Options) error {
	opt.Version, opt.Catalog = version(), g.catalog
	if sarifPath != "" {
		if err := writeReport(g, sarifPath, func(w io.Writer) error { return report.Write(w, "sarif", all, opt) }); err != nil {
			return fmt.Errorf("--sarif %w", err)
		}
	}
	if p := os.Getenv("GITHUB_OUTPUT"); p != "" {
		breaking := false
		for _, f := range run.diff {
			breaking = breaking || f.Severity == finding.Error
		}
		if err := appendFile("GITHUB_OUTPUT", p, fmt.Sprintf("breaking=%t\nfindings=%d\n", breaking, len(all))); err != nil {
			return err
		}
	}
	if p := os.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
		var buf bytes.Buffer
		if err := report.Write(&buf, "markdown", all, opt); err != nil {
			return err
		}
		md := buf.String()
		if len(md) > githubSummaryLimit {
			cut := strings.LastIndexByte(md[:githubSummaryLimit-200], '\n')
			md = md[:cut+1] + "\n_The summary was cut at GitHub's 1 MiB limit; the full report is in the job log._\n"
		}
		if err := appendFile("GITHUB_STEP_SUMMARY", p, md); err != nil {
			return err
		}
	}
	return nil
}

// appendFile appends s to the file that environment variable env names;
// errors say which variable, once, without Go's "open PATH:" prefix.
func appendFile(env, path, s string) error {
	fail := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: cannot append to $%s: %v", path, env, err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fail(err)
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	return nil
}
