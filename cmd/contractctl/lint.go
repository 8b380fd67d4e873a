package main

import (
	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/report"
)

func newLintCmd(g *globals) *cobra.Command {
	var (
		out         reportFlags
		skipUnknown bool
	)
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check contracts against the house rules",
		Example: "  contractctl lint                                  # the config's contracts, else the current directory\n" +
			"  contractctl lint api/ 'proto/**/*.proto' --fail-on warn\n" +
			"  contractctl lint api/payments.yaml --format sarif -o lint.sarif",
		Long: "Lint OpenAPI, AsyncAPI and Protobuf contracts. PATHs are files, directories (walked\n" +
			"recursively) or globs; with none, the config's `contracts` globs, else the current directory.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := out.validate(); err != nil {
				return err
			}
			s, err := g.session()
			if err != nil {
				return err
			}
			files, err := s.candidates(args, skipUnknown)
			if err != nil {
				return err
			}
			fs, checked, err := s.lint(g, files)
			if err != nil {
				return err
			}
			if !skipUnknown {
				if err := s.requireContracts(args, checked, false); err != nil {
					return err
				}
			}
			if fs, err = dropBaselined(s.ws, fs); err != nil {
				return err
			}
			s.release()
			return out.emitReport(g, displayFindings(s.ws, fs), report.Options{Title: "Lint findings", Files: len(checked)})
		},
	}
	out.add(cmd, "")
	cmd.Flags().BoolVar(&skipUnknown, "skip-non-contracts", false, "skip named files that are not contracts instead of failing (for pre-commit hooks)")
	return cmd
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
