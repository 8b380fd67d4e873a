package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/lint"
	"github.com/contractctl/contractctl/lint/ruleset"
	"github.com/contractctl/contractctl/rules"
)

// globals are the persistent flags every command shares.
type globals struct {
	configPath      string
	date            string
	allowRemoteRefs bool
	stdout, stderr  io.Writer
	catalog         *rules.Catalog
	// rulesets are the configuration's Spectral rulesets, loaded by config.
	rulesets *ruleset.Set
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	g := &globals{stdout: stdout, stderr: stderr, catalog: rules.Default()}
	root := &cobra.Command{
		Use:   "contractctl",
		Short: "Contract governance for HTTP APIs and events: lint, breaking-change diff, schema registry",
		Example: "  contractctl lint\n" +
			"  contractctl diff --base origin/main\n" +
			"  contractctl check --format github --sarif contractctl.sarif\n" +
			"  contractctl rules money-integer-minor-units",
		Long: "contractctl checks API and event contracts before they ship: house-rule lint for\n" +
			"OpenAPI, AsyncAPI and Protobuf, breaking-change detection against a git base, and a\n" +
			"file-backed schema registry with Confluent's compatibility semantics.\n\n" +
			"Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitInput, err: fmt.Errorf("%s: %w (see '%s --help')", c.CommandPath(), err, c.CommandPath())}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.configPath, "config", "", "configuration file (default: .contractctl.yaml, searched from the working directory up to the repository root)")
	pf.StringVar(&g.date, "date", "", "today's date as YYYY-MM-DD, for sunset and ignore expiry (default: today)")
	pf.BoolVar(&g.allowRemoteRefs, "allow-remote-refs", false, "permit http(s) $refs (they are otherwise refused)")
	root.AddCommand(newLintCmd(g), newCheckCmd(g), newBaselineCmd(g), newDiffCmd(g), newRulesCmd(g), newVersionCmd(g), newRegistryCmd(g))
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	finish(root)
	return root
}

// finish makes every command answer a mistake with one line and exit 2: a
// wrong number of arguments with the usage line, an unknown subcommand
// (also of registry and baseline, which cobra would answer with their
// help and exit 0) with the nearest commands; and gives cobra's own help
// and completion commands examples like every other command.
func finish(c *cobra.Command) {
	switch {
	case c.HasSubCommands() && !c.Runnable():
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return c.Help()
			}
			return unknownCommand(c, args[0])
		}
	case c.Args != nil:
		valid := c.Args
		c.Args = func(c *cobra.Command, args []string) error {
			if err := valid(c, args); err != nil {
				return &exitError{code: exitInput, err: fmt.Errorf("usage: %s (see '%s --help')", strings.TrimSuffix(c.UseLine(), " [flags]"), c.CommandPath())}
			}
			return nil
		}
	}
	if c.Example == "" {
		switch c.Name() {
		case "help":
			c.Example = "  contractctl help diff"
		case "completion":
			c.Example = "  source <(contractctl completion bash)"
		case "bash", "zsh", "fish", "powershell":
			c.Example = "  contractctl " + c.CommandPath()[len("contractctl "):] + " > contractctl-completion." + c.Name()
		}
	}
	for _, sub := range c.Commands() {
		finish(sub)
	}
}

// unknownCommand is a mistyped subcommand of c: exit 2, with the nearest
// names.
func unknownCommand(c *cobra.Command, name string) error {
	msg := fmt.Sprintf("unknown command %q for %q", name, c.CommandPath())
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2 // cobra's own default
	}
	if s := c.SuggestionsFor(name); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return &exitError{code: exitInput, err: fmt.Errorf("%s (see '%s --help')", msg, c.CommandPath())}
}

// today is --date or the current date.
func (g *globals) today() (time.Time, error) {
	if g.date == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, g.date)
	if err != nil {
		return time.Time{}, fmt.Errorf("--date %q is not a YYYY-MM-DD date", g.date)
	}
	return t, nil
}

func (g *globals) config() (*config.Config, error) {
	return config.LoadExtended(g.configPath, g.catalog, g.loadRulesets)
}

// session is what every command that reads contracts sets up first: the
// configuration, today's date, the repository workspace and a loader over
// its working tree.
type session struct {
	cfg   *config.Config
	today time.Time
	ws    load.Workspace
	head  *load.Loader
}

func (g *globals) session() (*session, error) {
	cfg, err := g.config()
	if err != nil {
		return nil, err
	}
	today, err := g.today()
	if err != nil {
		return nil, err
	}
	ws, err := load.NewWorkspace()
	if err != nil {
		return nil, err
	}
	head := load.NewLoader(ws.Reader(), "")
	head.AllowRemote = g.allowRemoteRefs
	return &session{cfg: cfg, today: today, ws: ws, head: head}, nil
}

// candidates expands PATHs (or the config's contracts, or the working
// directory) into root-relative candidates; with skip, named files that
// are not contracts are skipped instead of failing.
func (s *session) candidates(args []string, skip bool) ([]load.Candidate, error) {
	files, err := discover(s.ws, s.cfg.Contracts, s.cfg.Dir, args)
	if err != nil {
		return nil, displayError(s.ws, err)
	}
	if skip {
		for i := range files {
			files[i].Explicit = false
		}
	}
	return files, nil
}

// lint lints files of the working tree; checked names the contracts it
// read.
func (s *session) lint(g *globals, files []load.Candidate) (fs []finding.Finding, checked []string, err error) {
	fs, checked, err = lint.Run(s.lintOptions(g, s.head), files)
	if err != nil {
		return nil, nil, displayError(s.ws, err)
	}
	return fs, checked, nil
}

// release drops the parsed files: once the findings exist nothing reads
// them again, and a large run then writes its report in the memory they
// took (a 50 MB description parses into over 1 GB of nodes).
func (s *session) release() { s.head = nil }

func (s *session) lintOptions(g *globals, l *load.Loader) lint.Options {
	return lint.Options{Workspace: s.ws, Loader: l, Options: contract.Options{Config: s.cfg, Catalog: g.catalog, Today: s.today}, Rulesets: g.rulesets}
}
