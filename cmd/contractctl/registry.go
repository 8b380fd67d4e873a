package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/gitrev"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/registry"
)

// registryCLI holds what every registry subcommand shares.
type registryCLI struct {
	g   *globals
	dir string
}

func newRegistryCmd(g *globals) *cobra.Command {
	r := &registryCLI{g: g}
	cmd := &cobra.Command{
		Use:   "registry",
		Short: "A file-backed schema registry with Confluent Schema Registry's compatibility semantics",
		Long: "Keep event schemas in the repository, one directory per subject and one immutable file per\n" +
			"version, and check every change exactly as Confluent Schema Registry would.\n\n" +
			"Layout (root: --dir, else the config's registry.dir, default schemas):\n" +
			"  registry.yaml            compatibility: BACKWARD (the global level)\n" +
			"  <subject>/subject.yaml   format: avro|protobuf|jsonschema, optional compatibility,\n" +
			"                           jsonschema_policy: strict|lenient, references: [{name, subject, version}]\n" +
			"  <subject>/N.avsc|N.proto|N.json   version N\n\n" +
			"Levels: NONE, BACKWARD (default), BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.",
	}
	cmd.PersistentFlags().StringVar(&r.dir, "dir", "", "registry root (default: the config's registry.dir, else schemas at the repository root)")
	cmd.AddCommand(r.initCmd(), r.addCmd(), r.compatCmd(), r.checkCmd(), r.listCmd(), r.showCmd(), r.configCmd())
	return cmd
}

// root is the registry root: --dir, else the config's registry.dir
// relative to the config file, else schemas at the repository root —
// relative to the working directory when it can be, for shorter messages.
func (r *registryCLI) root(ws load.Workspace) (string, error) {
	if r.dir != "" {
		return r.dir, nil
	}
	cfg, err := r.g.config()
	if err != nil {
		return "", err
	}
	return registryRoot(ws, cfg), nil
}

// registryRoot is the config's registry root, relative to the working
// directory when it can be.
func registryRoot(ws load.Workspace, cfg *config.Config) string {
	root := cfg.Registry.Dir
	switch {
	case filepath.IsAbs(root):
	case cfg.Path != "":
		root = filepath.Join(cfg.Dir, root)
	default:
		root = filepath.Join(ws.Root, root)
	}
	if rel, err := filepath.Rel(ws.Cwd, root); err == nil {
		root = rel
	}
	return root
}

func (r *registryCLI) open() (*registry.Store, load.Workspace, error) {
	ws, err := load.NewWorkspace()
	if err != nil {
		return nil, ws, err
	}
	root, err := r.root(ws)
	if err != nil {
		return nil, ws, err
	}
	st, err := registry.Open(root, r.g.catalog)
	return st, ws, err
}

// disp turns a path as the store names it into one relative to the
// working directory.
func disp(ws load.Workspace, p string) string {
	if p == "" {
		return p
	}
	return ws.Display(ws.Name(filepath.FromSlash(p)))
}

func dispFindings(ws load.Workspace, fs []finding.Finding) []finding.Finding {
	for i := range fs {
		fs[i].File = disp(ws, fs[i].File)
		if fs[i].Base != nil {
			fs[i].Base.File = disp(ws, fs[i].Base.File)
		}
	}
	return fs
}

// rootRelative names the findings' files relative to the repository root,
// as the config's ignore globs expect.
func rootRelative(ws load.Workspace, fs []finding.Finding) []finding.Finding {
	for i := range fs {
		fs[i].File = ws.Name(filepath.FromSlash(fs[i].File))
		if fs[i].Base != nil {
			fs[i].Base.File = ws.Name(filepath.FromSlash(fs[i].Base.File))
		}
	}
	return fs
}

// dispErr rewrites the file of a positioned input error.
func dispErr(ws load.Workspace, err error) error {
	if le, ok := err.(*load.Error); ok {
		c := *le
		c.File = disp(ws, le.File)
		return &c
	}
	return err
}

// schemaTypeFlags are --schema-type and its spelling as --format.
type schemaTypeFlags struct {
	schemaType string
}

func (s *schemaTypeFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&s.schemaType, "schema-type", "", "schema format: avro, protobuf or jsonschema (default: the subject's, else from the file extension)")
}

// resolve returns the schema format. --format also accepts a schema
// format (avro, protobuf, jsonschema), as `registry add SUBJECT FILE
// --format avro`; the report format then stays text.
func (s *schemaTypeFlags) resolve(out *reportFlags) (registry.Format, error) {
	switch out.format {
	case string(registry.Avro), string(registry.Protobuf), string(registry.JSONSchema):
		if s.schemaType != "" && s.schemaType != out.format {
			return "", fmt.Errorf("--format %s and --schema-type %s disagree", out.format, s.schemaType)
		}
		s.schemaType, out.format = out.format, "text"
	}
	if s.schemaType == "" {
		return "", nil
	}
	return registry.ParseFormat(s.schemaType)
}

func readCandidate(file string, f registry.Format) (registry.Candidate, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return registry.Candidate{}, fmt.Errorf("%s: cannot read: %w", file, err)
	}
	return registry.Candidate{File: filepath.ToSlash(file), Data: data, Format: f}, nil
}

// status prints a human line: on stdout for the text report, on stderr
// otherwise, so that machine-readable output stays parseable.
func (r *registryCLI) status(out *reportFlags, format string, args ...any) {
	w := r.g.stdout
	if out.format != "text" || out.output != "" {
		w = r.g.stderr
	}
	fmt.Fprintf(w, format+"\n", args...)
}

func (r *registryCLI) initCmd() *cobra.Command {
	var level string
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a schema registry (DIR/registry.yaml; DIR defaults to the registry root)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lvl, err := compat.ParseLevel(level)
			if err != nil {
				return fmt.Errorf("--compatibility: %w", err)
			}
			ws, err := load.NewWorkspace()
			if err != nil {
				return err
			}
			root := ""
			if len(args) == 1 {
				root = args[0]
			} else if root, err = r.root(ws); err != nil {
				return err
			}
			created, err := registry.Init(root, lvl)
			if err != nil {
				return err
			}
			p := disp(ws, filepath.ToSlash(filepath.Join(root, "registry.yaml")))
			if created {
				fmt.Fprintf(r.g.stdout, "created %s (compatibility: %s)\n", p, lvl)
			} else {
				fmt.Fprintf(r.g.stdout, "%s already exists: left unchanged\n", p)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&level, "compatibility", "BACKWARD", "the global compatibility level")
	return cmd
}

func (r *registryCLI) addCmd() *cobra.Command {
	var (
		out reportFlags
		st  schemaTypeFlags
	)
	cmd := &cobra.Command{
		Use:   "add SUBJECT FILE",
		Short: "Register FILE as the next version of SUBJECT if it is compatible (POST /subjects/{subject}/versions)",
		Long: "Parse and validate FILE; if it equals a registered version after normalisation, print that\n" +
			"version and write nothing; otherwise check it at the subject's level against the subject's\n" +
			"versions and either report every incompatibility (exit 1, nothing written) or write the next\n" +
			"version atomically under the subject's lock. A new subject is created with FILE's format.",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := st.resolve(&out)
			if err != nil {
				return err
			}
			if _, err := out.validate(); err != nil {
				return err
			}
			if err := registry.ValidateSubject(args[0]); err != nil {
				return err
			}
			store, ws, err := r.open()
			if err != nil {
				return err
			}
			cand, err := readCandidate(args[1], format)
			if err != nil {
				return err
			}
			res, err := store.Add(args[0], cand)
			if err != nil {
				return dispErr(ws, err)
			}
			switch {
			case res.Existing:
				r.status(&out, "%s version %d already holds this schema (%s): nothing written", res.Subject, res.Version, disp(ws, res.Path))
			case res.Added():
				what := "registered"
				if res.Created {
					what = "created subject " + res.Subject + " (" + string(res.Format) + ") and registered"
				}
				r.status(&out, "%s %s version %d (%s) at %s", what, res.Subject, res.Version, disp(ws, res.Path), res.Level)
			default:
				fmt.Fprintf(r.g.stderr, "%s: schema refused at %s: incompatible with an earlier version; nothing written\n", res.Subject, res.Level)
			}
			if len(res.Findings) == 0 && out.format == "text" && out.output == "" {
				return nil
			}
			return out.emit(r.g, dispFindings(ws, res.Findings), "Schema registry: add "+res.Subject)
		},
	}
	out.add(cmd, "text, json, sarif, github, junit, markdown, gitlab (or a schema format: avro, protobuf, jsonschema)")
	st.add(cmd)
	return cmd
}

func (r *registryCLI) compatCmd() *cobra.Command {
	var (
		out     reportFlags
		st      schemaTypeFlags
		level   string
		version string
	)
	cmd := &cobra.Command{
		Use:   "compat SUBJECT FILE",
		Short: "Tell whether FILE would be accepted by SUBJECT, and why not; writes nothing",
		Long: "The equivalent of POST /compatibility/subjects/{subject}/versions/latest?verbose=true: FILE is\n" +
			"checked with the subject's level (or --level) against the latest version; --version N checks\n" +
			"against version N, --version all against every version as `registry add` would.",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := st.resolve(&out)
			if err != nil {
				return err
			}
			if _, err := out.validate(); err != nil {
				return err
			}
			var opt registry.CompatOptions
			if level != "" {
				l, err := compat.ParseLevel(level)
				if err != nil {
					return fmt.Errorf("--level: %w", err)
				}
				opt.Level = &l
			}
			switch version {
			case "", "latest":
			case "all":
				opt.Version = -1
			default:
				n, err := strconv.Atoi(version)
				if err != nil || n < 1 {
					return fmt.Errorf("--version %q: want a version number, latest or all", version)
				}
				opt.Version = n
			}
			if err := registry.ValidateSubject(args[0]); err != nil {
				return err
			}
			store, ws, err := r.open()
			if err != nil {
				return err
			}
			cand, err := readCandidate(args[1], format)
			if err != nil {
				return err
			}
			res, err := store.Compat(args[0], cand, opt)
			if err != nil {
				return dispErr(ws, err)
			}
			against := "no earlier version"
			if len(res.Compared) > 0 {
				against = "version " + joinInts(res.Compared)
			}
			if res.Compatible() {
				r.status(&out, "compatible: %s would accept %s at %s (compared with %s)", res.Subject, cand.File, res.Level, against)
			} else {
				r.status(&out, "incompatible: %s would refuse %s at %s (compared with %s)", res.Subject, cand.File, res.Level, against)
			}
			if res.Compatible() && out.format == "text" && out.output == "" {
				return nil
			}
			return out.emit(r.g, dispFindings(ws, res.Findings), "Schema registry: compatibility of "+cand.File)
		},
	}
	out.add(cmd, "text, json, sarif, github, junit, markdown, gitlab (or a schema format: avro, protobuf, jsonschema)")
	st.add(cmd)
	cmd.Flags().StringVar(&level, "level", "", "compatibility level to check at (default: the subject's)")
	cmd.Flags().StringVar(&version, "version", "latest", "version to compare with: N, latest or all")
	return cmd
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

func (r *registryCLI) checkCmd() *cobra.Command {
	var (
		out  reportFlags
		base string
		all  bool
	)
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify the registry as CI would: layout, valid schemas, every version compatible with its predecessors",
		Long: "Every version must parse and satisfy its subject's level against the versions before it.\n" +
			"With --base REV, every version file present at REV must be unchanged (registry-version-modified,\n" +
			"registry-version-deleted) and only the versions added since REV are checked, unless --all.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := out.validate(); err != nil {
				return err
			}
			cfg, err := r.g.config()
			if err != nil {
				return err
			}
			today, err := r.g.today()
			if err != nil {
				return err
			}
			store, ws, err := r.open()
			if err != nil {
				return err
			}
			opt := registry.CheckOptions{All: all}
			if base != "" {
				rev, closer, err := baseRevision(store.Root(), base)
				if err != nil {
					return err
				}
				defer closer()
				opt.Base = rev
			}
			fs, err := store.Check(opt)
			if err != nil {
				return dispErr(ws, err)
			}
			fs = cfg.Apply(rootRelative(ws, fs), r.g.catalog, today)
			return out.emit(r.g, displayFindings(ws, fs), "Schema registry check")
		},
	}
	out.add(cmd, "text, json, sarif, github, junit, markdown, gitlab")
	cmd.Flags().StringVar(&base, "base", "", "git revision whose registered versions must be unchanged; only versions added since are checked")
	cmd.Flags().BoolVar(&all, "all", false, "with --base, check every version, not only the new ones")
	return cmd
}

// baseRevision reads the registry at a git revision.
func baseRevision(root, rev string) (*registry.Revision, func(), error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, err
	}
	repo, err := gitrev.Open(abs)
	if err != nil {
		return nil, nil, fmt.Errorf("--base %s: %w", rev, err)
	}
	rd, err := repo.Reader(rev)
	if err != nil {
		return nil, nil, err
	}
	files, err := repo.ListFiles(rd.Commit())
	if err != nil {
		rd.Close()
		return nil, nil, err
	}
	top := repo.Root
	if t, err := filepath.EvalSymlinks(top); err == nil {
		top = t
	}
	if a, err := filepath.EvalSymlinks(abs); err == nil {
		abs = a
	}
	dir, err := filepath.Rel(top, abs)
	if err != nil || dir == ".." || strings.HasPrefix(dir, ".."+string(filepath.Separator)) {
		rd.Close()
		return nil, nil, fmt.Errorf("--base %s: the registry %s is outside the git repository %s", rev, root, repo.Root)
	}
	return &registry.Revision{Name: rev, Files: files, Reader: rd, Dir: filepath.ToSlash(dir)}, func() { rd.Close() }, nil
}

// textJSONFlag is --format text|json of the commands that print data, not
// findings.
func textJSONFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "format", "text", "output format: text or json")
}

func checkTextJSON(format string) error {
	if format != "text" && format != "json" {
		return fmt.Errorf("unknown --format %q (want text, json)", format)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (r *registryCLI) listCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the subjects with their format, level and versions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkTextJSON(format); err != nil {
				return err
			}
			store, ws, err := r.open()
			if err != nil {
				return err
			}
			subs, probs, err := store.Subjects()
			if err != nil {
				return dispErr(ws, err)
			}
			// A subject that cannot be read is listed on stderr and fails
			// the command (exit 2) after the readable ones are listed, so
			// that a broken subject.yaml never just vanishes from the list.
			for _, p := range probs {
				var e error = p
				if p.Err != nil {
					e = dispErr(ws, p.Err)
				}
				fmt.Fprintln(r.g.stderr, oneLine(e.Error()))
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
			if format == "json" {
				if err := writeJSON(r.g.stdout, items); err != nil {
					return err
				}
			} else {
				tw := tabwriter.NewWriter(r.g.stdout, 0, 4, 2, ' ', 0)
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
			if len(probs) > 0 {
				return &exitError{code: exitInput}
			}
			return nil
		},
	}
	textJSONFlag(cmd, &format)
	return cmd
}

func (r *registryCLI) showCmd() *cobra.Command {
	var format, version string
	cmd := &cobra.Command{
		Use:   "show SUBJECT",
		Short: "Print a version of a subject (GET /subjects/{subject}/versions/{version})",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkTextJSON(format); err != nil {
				return err
			}
			n := 0
			if version != "latest" {
				v, err := strconv.Atoi(version)
				if err != nil || v < 1 {
					return fmt.Errorf("--version %q: want a version number or latest", version)
				}
				n = v
			}
			store, ws, err := r.open()
			if err != nil {
				return err
			}
			sub, v, data, err := store.Show(args[0], n)
			if err != nil {
				return dispErr(ws, err)
			}
			if format == "json" {
				return writeJSON(r.g.stdout, map[string]any{
					"subject": sub.Name, "version": v.Number, "schemaType": string(sub.Config.Format),
					"file": disp(ws, filepath.ToSlash(v.Path)), "schema": string(data),
				})
			}
			_, err = r.g.stdout.Write(data)
			if err == nil && len(data) > 0 && data[len(data)-1] != '\n' {
				_, err = io.WriteString(r.g.stdout, "\n")
			}
			return err
		},
	}
	textJSONFlag(cmd, &format)
	cmd.Flags().StringVar(&version, "version", "latest", "version to print: N or latest")
	return cmd
}

func (r *registryCLI) configCmd() *cobra.Command {
	var format, level string
	cmd := &cobra.Command{
		Use:   "config [SUBJECT]",
		Short: "Print or set the global or a subject's compatibility level (GET/PUT /config[/{subject}])",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkTextJSON(format); err != nil {
				return err
			}
			store, ws, err := r.open()
			if err != nil {
				return err
			}
			subject := ""
			if len(args) == 1 {
				subject = args[0]
			}
			if cmd.Flags().Changed("compatibility") {
				lvl, err := compat.ParseLevel(level)
				if err != nil {
					return fmt.Errorf("--compatibility: %w", err)
				}
				p, err := store.SetLevel(subject, lvl)
				if err != nil {
					return dispErr(ws, err)
				}
				if format == "json" {
					return writeJSON(r.g.stdout, map[string]string{"compatibility": lvl.String()})
				}
				fmt.Fprintf(r.g.stdout, "%s: compatibility %s\n", disp(ws, filepath.ToSlash(p)), lvl)
				return nil
			}
			lvl, source := registry.DefaultLevel, "default"
			if subject == "" {
				g, err := store.Global()
				if err != nil {
					return dispErr(ws, err)
				}
				if g.Compatibility != "" {
					lvl, source = g.Level(), "global"
				}
			} else {
				sub, err := store.Subject(subject)
				if err != nil {
					return dispErr(ws, err)
				}
				lvl, source = sub.Level, sub.LevelSource
			}
			if format == "json" {
				return writeJSON(r.g.stdout, map[string]string{"compatibilityLevel": lvl.String(), "source": source})
			}
			fmt.Fprintf(r.g.stdout, "compatibility: %s (%s)\n", lvl, source)
			return nil
		},
	}
	textJSONFlag(cmd, &format)
	cmd.Flags().StringVar(&level, "compatibility", "", "set the level: "+strings.Join(levelNames(), ", "))
	return cmd
}

func levelNames() []string {
	var out []string
	for _, l := range compat.Levels() {
		out = append(out, l.String())
	}
	return slices.Clip(out)
}
