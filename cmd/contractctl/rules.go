package main

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/lint/ruleset"
	"github.com/contractctl/contractctl/rules"
)

func newRulesCmd(g *globals) *cobra.Command {
	var job string
	cmd := &cobra.Command{
		Use:   "rules [RULE-ID]",
		Short: "List every rule, or explain one with a failing and a passing example",
		Example: "  contractctl rules --job diff\n" +
			"  contractctl rules money-integer-minor-units",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// The configuration's rulesets add their rules to the catalogue.
			if _, err := g.config(); err != nil {
				return err
			}
			if err := checkJob(g.catalog, job); err != nil {
				return err
			}
			if len(args) == 1 {
				r, ok := g.catalog.Lookup(args[0])
				if !ok {
					r, ok = g.catalog.Lookup(ruleset.IDPrefix + args[0])
				}
				if !ok {
					return fmt.Errorf("unknown rule %q (run 'contractctl rules' for the list)", args[0])
				}
				_, err := fmt.Fprint(g.stdout, rules.Explain(r))
				return err
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tJOB\tFORMATS\tSUMMARY")
			for _, r := range g.catalog.Rules() {
				if job != "" && string(r.Job) != job {
					continue
				}
				formats := make([]string, len(r.Formats))
				for i, f := range r.Formats {
					formats[i] = string(f)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Job, strings.Join(formats, ","), r.Summary)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&job, "job", "", "only rules of this job: lint, diff, registry or config")
	return cmd
}

// checkJob refuses a --job no rule has: an empty table would look like a
// job without rules.
func checkJob(cat *rules.Catalog, job string) error {
	if job == "" {
		return nil
	}
	var jobs []string
	for _, r := range cat.Rules() {
		if string(r.Job) == job {
			return nil
		}
		if !slices.Contains(jobs, string(r.Job)) {
			jobs = append(jobs, string(r.Job))
		}
	}
	return fmt.Errorf("unknown --job %q (want %s)", job, strings.Join(jobs, ", "))
}
