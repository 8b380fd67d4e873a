package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/registry"
)

// registryInitOptions are the inputs of `registry init`.
type registryInitOptions struct {
	*registryCLI
	// Dir is the registry to create ("": the registry root).
	Dir string
	// Compatibility is the global level.
	Compatibility string
}

func (r *registryCLI) initCmd() *cobra.Command {
	o := &registryInitOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a schema registry (DIR/registry.yaml; DIR defaults to the registry root)",
		Example: "  contractctl registry init\n" +
			"  contractctl registry init schemas",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Dir = args[0]
			}
			return runRegistryInit(o)
		},
	}
	cmd.Flags().StringVar(&o.Compatibility, "compatibility", "BACKWARD", "the global compatibility level")
	return cmd
}

func runRegistryInit(o *registryInitOptions) error {
	lvl, err := compat.ParseLevel(o.Compatibility)
	if err != nil {
		return fmt.Errorf("--compatibility: %w", err)
	}
	ws, err := load.NewWorkspace()
	if err != nil {
		return err
	}
	root := o.Dir
	if root == "" {
		if root, _, err = o.root(ws); err != nil {
			return err
		}
	}
	created, err := registry.Init(root, lvl)
	if err != nil {
		return err
	}
	p := disp(ws, filepath.ToSlash(filepath.Join(root, "registry.yaml")))
	if created {
		fmt.Fprintf(o.g.stdout, "created %s (compatibility: %s)\n", p, lvl)
	} else {
		fmt.Fprintf(o.g.stdout, "%s already exists: left unchanged\n", p)
	}
	return nil
}
