package main

import (
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// registryListOptions are the inputs of `registry list`.
type registryListOptions struct {
	*registryCLI
	// Format is text or json.
	Format string
}

func (r *registryCLI) listCmd() *cobra.Command {
	o := &registryListOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the subjects with their format, level and versions",
		Example: "  contractctl registry list\n" +
			"  contractctl registry list --format json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runRegistryList(o) },
	}
	textJSONFlag(cmd, &o.Format)
	return cmd
}

func runRegistryList(o *registryListOptions) error {
	if err := checkTextJSON(o.Format); err != nil {
		return err
	}
	store, ws, err := o.open()
	if err != nil {
		return err
	}
	subs, probs, err := store.Subjects()
	if err != nil {
		return dispErr(ws, err)
	}
	// A subject that cannot be read is listed on stderr and fails the
	// command (exit 2) after the readable ones are listed, so that a
	// broken subject.yaml never just vanishes from the list.
	// A subject directory without subject.yaml is skipped with a warning.
	failed := false
	for _, p := range probs {
		if p.Warning {
			fmt.Fprintf(o.g.stderr, "warning: %s: %s\n", disp(ws, filepath.ToSlash(p.Path)), p.Msg)
			continue
		}
		failed = true
		fmt.Fprintln(o.g.stderr, oneLine(dispErr(ws, p.Cause()).Error()))
	}
	type item struct {
		Subject       string `json:"subject"`
		Format        string `json:"format"`
		Compatibility string `json:"compatibility"`
		Versions      []int  `json:"versions"`
	}
	items := make([]item, 0, len(subs))
	for _, s := range subs {
		it := item{Subject: s.Name, Format: string(s.Config.Format), Compatibility: s.Level.String(), Versions: []int{}}
		for _, v := range s.Versions {
			it.Versions = append(it.Versions, v.Number)
		}
		items = append(items, it)
	}
	if o.Format == "json" {
		if err := writeJSON(o.g.stdout, items); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(o.g.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SUBJECT\tFORMAT\tCOMPATIBILITY\tVERSIONS")
		for _, it := range items {
			vs := "-"
			if len(it.Versions) > 0 {
				vs = joinInts(it.Versions)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", it.Subject, it.Format, it.Compatibility, vs)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if failed {
		return &exitError{code: exitInput}
	}
	return nil
}
