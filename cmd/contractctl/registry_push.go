package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/registry/remote"
	"github.com/contractctl/contractctl/rules"
)

// registrySyncOptions are the inputs of `registry push` and `registry pull`.
type registrySyncOptions struct {
	*registryCLI
	// URL is the remote registry's base URL.
	URL    string
	DryRun bool
	Out    reportFlags
	// getenv reads the credentials (os.Getenv when nil).
	getenv func(string) string
}

const syncAuthHelp = "Credentials come from the environment only: " + remote.EnvUser + " and " + remote.EnvPassword + "\n" +
	"(basic auth), or " + remote.EnvToken + " (a bearer token). TLS certificates are verified; SSL_CERT_FILE\n" +
	"adds a private CA. One line per subject; conflicts are registry-remote-conflict findings (exit 1)."

func (r *registryCLI) pushCmd() *cobra.Command {
	o := &registrySyncOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "push --url URL",
		Short: "Publish the registry's subjects and versions to a Confluent-compatible schema registry",
		Long: "Read the remote's state first; then, subject by subject (referenced subjects first), set the\n" +
			"subject's own compatibility level from subject.yaml and register the versions the remote lacks,\n" +
			"in order. A subject whose remote has versions the files lack, or a version holding another\n" +
			"schema (compared after normalisation), is refused and left alone. A second push changes nothing.\n" +
			"--dry-run only reads. Soft-deleted versions and the global level are not pushed.\n\n" + syncAuthHelp,
		Example: "  CONTRACTCTL_REGISTRY_USER=$KEY CONTRACTCTL_REGISTRY_PASSWORD=$SECRET \\\n" +
			"    contractctl registry push --url https://psrc-xxxxx.confluent.cloud --dry-run",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runRegistrySync(cmd.Context(), o, true) },
	}
	o.flags(cmd)
	return cmd
}

func (r *registryCLI) pullCmd() *cobra.Command {
	o := &registrySyncOptions{registryCLI: r}
	cmd := &cobra.Command{
		Use:   "pull --url URL",
		Short: "Import a Confluent-compatible schema registry's subjects and versions into the files",
		Long: "Read the remote's subjects, versions and levels, and write the subjects and versions the files\n" +
			"lack (a new subject gets the remote's format, references and own level), each keeping the\n" +
			"remote's schema ID where it is free. Existing files are never rewritten: a subject whose files\n" +
			"hold versions the remote lacks, or a version holding another schema, is refused and left alone.\n" +
			"--dry-run only reads.\n\n" + syncAuthHelp,
		Example: "  contractctl registry init && contractctl registry pull --url http://localhost:8081",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runRegistrySync(cmd.Context(), o, false) },
	}
	o.flags(cmd)
	return cmd
}

func (o *registrySyncOptions) flags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.URL, "url", "", "the remote registry's base URL (required)")
	cmd.Flags().BoolVar(&o.DryRun, "dry-run", false, "report what would change; write nothing")
	o.Out.add(cmd, "text, json, sarif, github, junit, markdown, gitlab")
}

// runRegistrySync pushes (push) or pulls.
func runRegistrySync(ctx context.Context, o *registrySyncOptions, push bool) error {
	if _, err := o.Out.validate(); err != nil {
		return err
	}
	if o.URL == "" {
		return fmt.Errorf("--url is required: the remote registry's base URL")
	}
	c, err := remote.NewClient(o.URL, o.getenv)
	if err != nil {
		return err
	}
	store, ws, err := o.open()
	if err != nil {
		return err
	}
	sync, title := remote.Pull, "Schema registry: pull from "+o.URL
	if push {
		sync, title = remote.Push, "Schema registry: push to "+o.URL
	}
	res, err := sync(ctx, c, store, o.DryRun)
	if err != nil {
		return dispErr(ws, err)
	}
	rule := o.g.catalog.MustLookup(rules.RegistryRemoteConflict)
	var fs []finding.Finding
	for _, r := range res {
		o.status(&o.Out, "%s", r.Line(push, o.DryRun))
		if r.Conflict != "" {
			fs = append(fs, rule.Finding(disp(ws, r.Dir), 0, 0, "", r.Subject+": "+r.Conflict))
		}
	}
	if len(res) == 0 {
		o.status(&o.Out, "no subjects")
	}
	if len(fs) == 0 && o.Out.format == "text" && o.Out.output == "" {
		return nil
	}
	return o.Out.emit(o.g, fs, title)
}
