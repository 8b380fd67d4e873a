package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// registryAddOptions are the inputs of `registry add`.
type registryAddOptions struct {
	*registryCLI
	Subject, File string
	SchemaType    schemaTypeFlags
	Out           reportFlags
	// Stdin is read for FILE "-".
	Stdin io.Reader
}

func (r *registryCLI) addCmd() *cobra.Command {
	o := &registryAddOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "add SUBJECT FILE|-",
		Short: "Register FILE as the next version of SUBJECT if it is compatible (POST /subjects/{subject}/versions)",
		Example: "  contractctl registry add orders-value schemas/orders.avsc --schema-type avro\n" +
			"  generate-schema | contractctl registry add orders-value -",
		Long: "Parse and validate FILE; if it equals a registered version after normalisation, print that\n" +
			"version and write nothing; otherwise check it at the subject's level against the subject's\n" +
			"versions and either report every incompatibility (exit 1, nothing written) or write the next\n" +
			"version atomically under the subject's lock. A new subject is created with FILE's format\n" +
			"(--schema-type, else FILE's extension). FILE - reads the schema from standard input.",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Subject, o.File, o.Stdin = args[0], args[1], cmd.InOrStdin()
			return runRegistryAdd(o)
		},
	}
	o.Out.add(cmd, "")
	o.SchemaType.add(cmd)
	return cmd
}

func runRegistryAdd(o *registryAddOptions) error {
	out := &o.Out
	store, ws, cand, err := o.candidate(o.Subject, o.File, &o.SchemaType, out, o.Stdin)
	if err != nil {
		return err
	}
	res, err := store.Add(o.Subject, cand)
	if err != nil {
		return dispErr(ws, err)
	}
	switch {
	case res.Existing:
		o.status(out, "%s version %d already holds this schema (%s): nothing written", res.Subject, res.Version, disp(ws, res.Path))
	case res.Added():
		what := "registered"
		if res.Created {
			what = "created subject " + res.Subject + " (" + string(res.Format) + ") and registered"
		}
		o.status(out, "%s %s version %d (%s) at %s", what, res.Subject, res.Version, disp(ws, res.Path), res.Level)
	default:
		fmt.Fprintf(o.g.stderr, "%s: schema refused at %s: incompatible with an earlier version; nothing written\n", res.Subject, res.Level)
	}
	if len(res.Findings) == 0 && out.format == "text" && out.output == "" {
		return nil
	}
	return out.emit(o.g, dispFindings(ws, res.Findings), "Schema registry: add "+res.Subject)
}
