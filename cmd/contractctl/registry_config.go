package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/registry"
)

// registryConfigOptions are the inputs of `registry config`.
type registryConfigOptions struct {
	*registryCLI
	// Subject is "" for the global level.
	Subject string
	// Format is text or json.
	Format string
	// Compatibility is the level to set, when Set.
	Compatibility string
	Set           bool
}

func (r *registryCLI) configCmd() *cobra.Command {
	o := &registryConfigOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "config [SUBJECT]",
		Short: "Print or set the global or a subject's compatibility level (GET/PUT /config[/{subject}])",
		Example: "  contractctl registry config                                     # the global level\n" +
			"  contractctl registry config orders-value --compatibility FULL_TRANSITIVE",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Subject = args[0]
			}
			o.Set = cmd.Flags().Changed("compatibility")
			return runRegistryConfig(o)
		},
	}
	textJSONFlag(cmd, &o.Format)
	cmd.Flags().StringVar(&o.Compatibility, "compatibility", "", "set the level: "+strings.Join(levelNames(), ", "))
	return cmd
}

func runRegistryConfig(o *registryConfigOptions) error {
	if err := checkTextJSON(o.Format); err != nil {
		return err
	}
	store, ws, err := o.open()
	if err != nil {
		return err
	}
	if o.Set {
		lvl, err := compat.ParseLevel(o.Compatibility)
		if err != nil {
			return fmt.Errorf("--compatibility: %w", err)
		}
		p, err := store.SetLevel(o.Subject, lvl)
		if err != nil {
			return dispErr(ws, err)
		}
		if o.Format == "json" {
			return writeJSON(o.g.stdout, map[string]string{"compatibility": lvl.String()})
		}
		fmt.Fprintf(o.g.stdout, "%s: compatibility %s\n", disp(ws, filepath.ToSlash(p)), lvl)
		return nil
	}
	lvl, source := registry.DefaultLevel, "default"
	if o.Subject == "" {
		g, err := store.Global()
		if err != nil {
			return dispErr(ws, err)
		}
		if g.Compatibility != "" {
			lvl, source = g.Level(), "global"
		}
	} else {
		sub, err := store.Subject(o.Subject)
		if err != nil {
			return dispErr(ws, err)
		}
		lvl, source = sub.Level, sub.LevelSource
	}
	if o.Format == "json" {
		return writeJSON(o.g.stdout, map[string]string{"compatibilityLevel": lvl.String(), "source": source})
	}
	fmt.Fprintf(o.g.stdout, "compatibility: %s (%s)\n", lvl, source)
	return nil
}

func levelNames() []string {
	var out []string
	for _, l := range compat.Levels() {
		out = append(out, l.String())
	}
	return slices.Clip(out)
}
