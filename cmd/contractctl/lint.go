package main

import (
	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/lint"
)

func newLintCmd(g *globals) *cobra.Command {
	var (
		out         reportFlags
		skipUnknown bool
	)
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check contracts against the house rules",
		Long: "Lint OpenAPI, AsyncAPI and Protobuf contracts. PATHs are files, directories (walked\n" +
			"recursively) or globs; with none, the config's `contracts` globs, else the current directory.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := out.validate(); err != nil {
				return err
			}
			cfg, err := g.config()
			if err != nil {
				return err
			}
			today, err := g.today()
			if err != nil {
				return err
			}
			ws, loader, err := g.workspace()
			if err != nil {
				return err
			}
			files, err := discover(ws, cfg.Contracts, cfg.Dir, args)
			if err != nil {
				return err
			}
			if skipUnknown {
				skipNonContracts(files)
			}
			fs, err := lint.Run(lint.Options{Workspace: ws, Loader: loader, Config: cfg, Catalog: g.catalog, Today: today}, files)
			if err != nil {
				return displayError(ws, err)
			}
			if fs, err = dropBaselined(ws, fs); err != nil {
				return err
			}
			return out.emit(g, displayFindings(ws, fs), "Lint findings")
		},
	}
	out.add(cmd, "text, json, sarif, github, junit, markdown, gitlab")
	cmd.Flags().BoolVar(&skipUnknown, "skip-non-contracts", false, "skip named files that are not contracts instead of failing (for pre-commit hooks)")
	return cmd
}

// skipNonContracts treats named files like files found in a directory: a
// file that is not a contract is skipped rather than an error.
func skipNonContracts(files []load.Candidate) {
	for i := range files {
		files[i].Explicit = false
	}
}

// discover expands the arguments (or the config's contracts globs, or the
// working directory) into root-relative candidates.
func discover(ws load.Workspace, contracts []string, configDir string, args []string) ([]load.Candidate, error) {
	if len(args) == 0 {
		if len(contracts) > 0 {
			for _, c := range contracts {
				args = append(args, joinDir(configDir, c))
			}
		} else {
			args = []string{"."}
		}
	}
	cands, err := load.Discover(args)
	if err != nil {
		return nil, err
	}
	for i := range cands {
		cands[i].Path = ws.Name(cands[i].Path)
	}
	return cands, nil
}
