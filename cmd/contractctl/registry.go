package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contractctl/contractctl/config"
	"github.com/contractctl/contractctl/finding"
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
		Example: "  contractctl registry init\n" +
			"  contractctl registry add orders-value orders.avsc --schema-type avro\n" +
			"  contractctl registry check --base origin/main",
		Long: "Keep event schemas in the repository, one directory per subject and one immutable file per\n" +
			"version, and check every change exactly as Confluent Schema Registry would.\n\n" +
			"Layout (root: --dir, else the config's registry.dir, default schemas):\n" +
			"  registry.yaml            compatibility: BACKWARD (the global level)\n" +
			"  ids.yaml                 global schema IDs (written by contractctl)\n" +
			"  <subject>/subject.yaml   format: avro|protobuf|jsonschema, optional compatibility,\n" +
			"                           jsonschema_policy: strict|lenient, references: [{name, subject, version}],\n" +
			"                           deleted: [N, ...] (soft-deleted versions)\n" +
			"  <subject>/N.avsc|N.proto|N.json   version N\n\n" +
			"Levels: NONE, BACKWARD (default), BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.",
	}
	cmd.PersistentFlags().StringVar(&r.dir, "dir", "", "registry root (default: the config's registry.dir, else schemas at the repository root)")
	cmd.AddCommand(r.initCmd(), r.addCmd(), r.compatCmd(), r.checkCmd(), r.listCmd(), r.showCmd(), r.configCmd(), r.serveCmd(), r.pushCmd(), r.pullCmd())
	return cmd
}

// root is the registry root: --dir, else the config's registry.dir
// relative to the config file, else schemas at the repository root —
// relative to the working directory when it can be, for shorter messages.
// top is the directory it must stay inside: the repository root (or, out
// of git, the configuration's directory); a --dir outside the repository
// is taken at its word and confined to itself.
func (r *registryCLI) root(ws load.Workspace) (root, top string, err error) {
	if r.dir != "" {
		if registry.CheckInside(ws.Root, r.dir) != nil {
			return r.dir, r.dir, nil
		}
		return r.dir, ws.Root, nil
	}
	cfg, err := r.g.config()
	if err != nil {
		return "", "", err
	}
	top = ws.Root
	if cfg.Path != "" && registry.CheckInside(top, cfg.Dir) != nil {
		top = cfg.Dir // no repository: the configuration's directory
	}
	root = registryRoot(ws, cfg)
	if err := registry.CheckInside(top, root); err != nil {
		return "", "", fmt.Errorf("registry.dir %s (%s): %w", cfg.Registry.Dir, disp(ws, ws.Name(cfg.Path)), err)
	}
	return root, top, nil
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

// open opens the registry, confined to the repository.
func (r *registryCLI) open() (*registry.Store, load.Workspace, error) {
	ws, err := load.NewWorkspace()
	if err != nil {
		return nil, ws, err
	}
	root, top, err := r.root(ws)
	if err != nil {
		return nil, ws, err
	}
	st, err := registry.Open(root, r.g.catalog)
	if err != nil {
		return nil, ws, err
	}
	return st, ws, st.Confine(top)
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
	var le *load.Error
	if errors.As(err, &le) && len(multiErrors(err)) <= 1 {
		c := *le
		c.File = disp(ws, le.File)
		return &c
	}
	var ie *registry.InvalidSchemaError
	if errors.As(err, &ie) {
		return ie.Err // several compile errors, or a message without a file
	}
	return err
}

// multiErrors lists the errors an errors.Join holds, below any wrapping.
func multiErrors(err error) []error {
	for err != nil {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			return j.Unwrap()
		}
		err = errors.Unwrap(err)
	}
	return nil
}

// schemaTypeFlags is --schema-type, the schema format of add and compat.
type schemaTypeFlags struct {
	schemaType string
}

func (s *schemaTypeFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&s.schemaType, "schema-type", "", "schema format: avro, protobuf or jsonschema (default: the subject's, else from the file extension)")
}

// resolve returns the schema format. --format names the report format
// only; a schema format given there is refused with the flag to use.
func (s *schemaTypeFlags) resolve(out *reportFlags) (registry.Format, error) {
	if _, err := registry.ParseFormat(out.format); err == nil && out.format != "json" {
		return "", fmt.Errorf("--format %s: --format names the report format; give the schema format as --schema-type %s", out.format, out.format)
	}
	if s.schemaType == "" {
		return "", nil
	}
	return registry.ParseFormat(s.schemaType)
}

// candidate checks the flags of add and compat, opens the registry and
// reads the schema FILE (standard input for "-").
func (r *registryCLI) candidate(subject, file string, st *schemaTypeFlags, out *reportFlags, stdin io.Reader) (*registry.Store, load.Workspace, registry.Candidate, error) {
	var ws load.Workspace
	format, err := st.resolve(out)
	if err != nil {
		return nil, ws, registry.Candidate{}, err
	}
	if _, err := out.validate(); err != nil {
		return nil, ws, registry.Candidate{}, err
	}
	if err := registry.ValidateSubject(subject); err != nil {
		return nil, ws, registry.Candidate{}, err
	}
	store, ws, err := r.open()
	if err != nil {
		return nil, ws, registry.Candidate{}, err
	}
	cand, err := readCandidate(file, format, stdin)
	return store, ws, cand, err
}

// stdinName names a schema read from standard input in messages.
const stdinName = "<stdin>"

// readCandidate reads the schema FILE, or standard input for "-".
func readCandidate(file string, f registry.Format, stdin io.Reader) (registry.Candidate, error) {
	var data []byte
	var err error
	if file == "-" {
		file = stdinName
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(file)
	}
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

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
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
