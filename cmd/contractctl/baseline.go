package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/internal/baseline"
	"github.com/contractctl/contractctl/internal/report"
)

func newBaselineCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "baseline",
		Short:   "Record today's lint findings so that only new ones fail (.contractctl-baseline.json)",
		Example: "  contractctl baseline write && git add .contractctl-baseline.json",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "write [PATH...]",
		Short: "Lint the contracts and write the fingerprints of every finding to .contractctl-baseline.json",
		Example: "  contractctl baseline write            # the config's contracts, else the repository\n" +
			"  contractctl baseline write api/",
		Long: "The baseline file sits at the repository root and is meant to be committed. lint and check\n" +
			"drop every finding whose fingerprint (rule, file, JSON pointer) it lists, so moving or\n" +
			"reformatting code keeps findings waived while new problems still fail. Rewrite it as\n" +
			"findings are fixed.",
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := g.session()
			if err != nil {
				return err
			}
			files, err := s.candidates(args, false)
			if err != nil {
				return err
			}
			fs, checked, err := s.lint(g, files)
			if err != nil {
				return err
			}
			if err := s.requireContracts(args, checked, false); err != nil {
				return err
			}
			// A contract that cannot be read must never be waived.
			if err := invalidContracts(g, displayFindings(s.ws, fs)); err != nil {
				return &exitError{code: exitInput, err: fmt.Errorf("%s not written: fix the contracts that cannot be read first", s.ws.Display(baseline.File))}
			}
			path := filepath.Join(s.ws.Root, baseline.File)
			if err := baseline.FromFindings(fs).Write(path); err != nil {
				return err
			}
			_, err = fmt.Fprintf(g.stdout, "wrote %s to %s\n", report.Count(len(fs), "finding", "findings"), s.ws.Display(baseline.File))
			return err
		},
	})
	return cmd
}
