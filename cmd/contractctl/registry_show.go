package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"
)

// registryShowOptions are the inputs of `registry show`.
type registryShowOptions struct {
	*registryCLI
	Subject string
	// Format is text or json; Version is N or latest.
	Format, Version string
}

func (r *registryCLI) showCmd() *cobra.Command {
	o := &registryShowOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "show SUBJECT",
		Short: "Print a version of a subject (GET /subjects/{subject}/versions/{version})",
		Example: "  contractctl registry show orders-value\n" +
			"  contractctl registry show orders-value --version 2",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Subject = args[0]
			return runRegistryShow(o)
		},
	}
	textJSONFlag(cmd, &o.Format)
	cmd.Flags().StringVar(&o.Version, "version", "latest", "version to print: N or latest")
	return cmd
}

func runRegistryShow(o *registryShowOptions) error {
	if err := checkTextJSON(o.Format); err != nil {
		return err
	}
	n := 0
	if o.Version != "latest" {
		v, err := strconv.Atoi(o.Version)
		if err != nil || v < 1 {
			return fmt.Errorf("--version %q: want a version number or latest", o.Version)
		}
		n = v
	}
	store, ws, err := o.open()
	if err != nil {
		return err
	}
	sub, v, data, err := store.Show(o.Subject, n)
	if err != nil {
		return dispErr(ws, err)
	}
	if o.Format == "json" {
		return writeJSON(o.g.stdout, map[string]any{
			"subject": sub.Name, "version": v.Number, "schemaType": string(sub.Config.Format),
			"file": disp(ws, filepath.ToSlash(v.Path)), "schema": string(data),
		})
	}
	_, err = o.g.stdout.Write(data)
	if err == nil && len(data) > 0 && data[len(data)-1] != '\n' {
		_, err = io.WriteString(o.g.stdout, "\n")
	}
	return err
}
