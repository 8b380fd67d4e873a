package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/registry"
)

// registryCompatOptions are the inputs of `registry compat`.
type registryCompatOptions struct {
	*registryCLI
	Subject, File string
	SchemaType    schemaTypeFlags
	Out           reportFlags
	// Stdin is read for FILE "-".
	Stdin io.Reader
	// Level overrides the subject's level ("": the subject's).
	Level string
	// Version is N, latest or all.
	Version string
}

func (r *registryCLI) compatCmd() *cobra.Command {
	o := &registryCompatOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "compat SUBJECT FILE|-",
		Short: "Tell whether FILE would be accepted by SUBJECT, and why not; writes nothing",
		Example: "  contractctl registry compat orders-value next.avsc\n" +
			"  contractctl registry compat orders-value next.avsc --level FULL_TRANSITIVE --version all",
		Long: "The equivalent of POST /compatibility/subjects/{subject}/versions/latest?verbose=true: FILE is\n" +
			"checked with the subject's level (or --level) against the latest version; --version N checks\n" +
			"against version N, --version all against every version as `registry add` would.",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Subject, o.File, o.Stdin = args[0], args[1], cmd.InOrStdin()
			return runRegistryCompat(o)
		},
	}
	o.Out.add(cmd, "")
	o.SchemaType.add(cmd)
	cmd.Flags().StringVar(&o.Level, "level", "", "compatibility level to check at (default: the subject's)")
	cmd.Flags().StringVar(&o.Version, "version", "latest", "version to compare with: N, latest or all")
	return cmd
}

func runRegistryCompat(o *registryCompatOptions) error {
	out := &o.Out
	var opt registry.CompatOptions
	if o.Level != "" {
		l, err := compat.ParseLevel(o.Level)
		if err != nil {
			return fmt.Errorf("--level: %w", err)
		}
		opt.Level = &l
	}
	switch o.Version {
	case "", "latest":
	case "all":
		opt.Version = -1
	default:
		n, err := strconv.Atoi(o.Version)
		if err != nil || n < 1 {
			return fmt.Errorf("--version %q: want a version number, latest or all", o.Version)
		}
		opt.Version = n
	}
	store, ws, cand, err := o.candidate(o.Subject, o.File, &o.SchemaType, out, o.Stdin)
	if err != nil {
		return err
	}
	res, err := store.Compat(o.Subject, cand, opt)
	if err != nil {
		return dispErr(ws, err)
	}
	against := "no earlier version"
	if len(res.Compared) > 0 {
		against = "version " + joinInts(res.Compared)
	}
	if res.Compatible() {
		o.status(out, "compatible: %s would accept %s at %s (compared with %s)", res.Subject, cand.File, res.Level, against)
	} else {
		o.status(out, "incompatible: %s would refuse %s at %s (compared with %s)", res.Subject, cand.File, res.Level, against)
	}
	if res.Compatible() && out.format == "text" && out.output == "" {
		return nil
	}
	return out.emit(o.g, dispFindings(ws, res.Findings), "Schema registry: compatibility of "+cand.File)
}
