package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/internal/confine"
	"github.com/contractctl/contractctl/internal/gitrev"
	"github.com/contractctl/contractctl/registry"
)

// registryCheckOptions are the inputs of `registry check`.
type registryCheckOptions struct {
	*registryCLI
	Out reportFlags
	// Base is the git revision whose registered versions must be unchanged.
	Base string
	// All checks every version, not only those added since Base.
	All bool
}

func (r *registryCLI) checkCmd() *cobra.Command {
	o := &registryCheckOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify the registry as CI would: layout, valid schemas, every version compatible with its predecessors",
		Example: "  contractctl registry check --base origin/main     # in CI: registered versions unchanged, new ones compatible\n" +
			"  contractctl registry check --all",
		Long: "Every version must parse and satisfy its subject's level against the versions before it.\n" +
			"With --base REV, every version file present at the merge-base of REV and HEAD (as for diff)\n" +
			"must be unchanged (registry-version-modified, registry-version-deleted) and only the versions\n" +
			"added since are checked, unless --all.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runRegistryCheck(o) },
	}
	o.Out.add(cmd, "")
	cmd.Flags().StringVar(&o.Base, "base", "", "git revision whose registered versions must be unchanged; only versions added since are checked")
	cmd.Flags().BoolVar(&o.All, "all", false, "with --base, check every version, not only the new ones")
	return cmd
}

func runRegistryCheck(o *registryCheckOptions) error {
	if _, err := o.Out.validate(); err != nil {
		return err
	}
	cfg, err := o.g.config()
	if err != nil {
		return err
	}
	today, err := o.g.today()
	if err != nil {
		return err
	}
	store, ws, err := o.open()
	if err != nil {
		return err
	}
	opt := registry.CheckOptions{All: o.All}
	if o.Base != "" {
		rev, closer, err := baseRevision(store.Root(), o.Base)
		if err != nil {
			return err
		}
		defer closer()
		opt.Base = rev
	}
	fs, err := store.Check(opt)
	if err != nil {
		return dispErr(ws, err)
	}
	fs = cfg.Apply(rootRelative(ws, fs), o.g.catalog, today)
	return o.Out.emit(o.g, displayFindings(ws, fs), "Schema registry check")
}

// baseRevision reads the registry at a git revision.
func baseRevision(root, rev string) (*registry.Revision, func(), error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, err
	}
	repo, err := gitrev.Open(abs)
	if err != nil {
		return nil, nil, fmt.Errorf("--base %s: %w", rev, err)
	}
	// As for diff: where this branch left REV, so that versions REV
	// gained since are not taken for deletions.
	b, err := repo.ResolveBase(rev, false, os.Getenv)
	if err != nil {
		return nil, nil, err
	}
	rd, err := repo.Reader(b.Commit)
	if err != nil {
		return nil, nil, err
	}
	files, err := repo.ListFiles(rd.Commit())
	if err != nil {
		rd.Close()
		return nil, nil, err
	}
	top, abs := confine.Resolve(repo.Root), confine.Resolve(abs)
	dir, err := filepath.Rel(top, abs)
	if err != nil || !confine.Within(top, abs) {
		rd.Close()
		return nil, nil, fmt.Errorf("--base %s: the registry %s is outside the git repository %s", rev, root, repo.Root)
	}
	return &registry.Revision{Name: rev, Files: files, Reader: rd, Dir: filepath.ToSlash(dir)}, func() { rd.Close() }, nil
}
