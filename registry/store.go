package registry

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/contractctl/contractctl/internal/atomicfile"
	"github.com/contractctl/contractctl/internal/avro"
	"github.com/contractctl/contractctl/internal/compat"
	"github.com/contractctl/contractctl/internal/confine"
	"github.com/contractctl/contractctl/rules"
)

// ErrNoSubject is returned (wrapped) for a subject that has no directory
// or no subject.yaml.
var ErrNoSubject = errors.New("no such subject")

// errNoConfig is ErrNoSubject for a directory without subject.yaml.
var errNoConfig = fmt.Errorf("%w: no %s", ErrNoSubject, subjectFile)

// DefaultLockTimeout is how long Add waits for another writer's lock.
const DefaultLockTimeout = 30 * time.Second

// Store is a registry rooted at a directory. Parsed versions are cached
// for the Store's lifetime (one command run): version files are immutable.
// A Store is safe for concurrent use; separate Stores (and processes)
// writing the same subject serialise on the subject's lock file.
type Store struct {
	root    string
	absRoot string
	// boundary is where subject directories, version files and writes
	// must resolve to (Confine).
	boundary string
	catalog  *rules.Catalog
	// LockTimeout bounds the wait for another writer (DefaultLockTimeout
	// when zero).
	LockTimeout time.Duration

	mu       sync.Mutex
	dirLocks map[string]*sync.Mutex // directory → its in-process write lock
	depCache map[string]depsEntry   // subject → its Protobuf references' texts
	// What was parsed from the files, while they stay unchanged.
	versions       fileCache[*parsed]
	ids            fileCache[map[int]idEntry]
	globals        fileCache[GlobalConfig]
	subjectConfigs fileCache[SubjectConfig]
	avro           avro.Checker // reuses its memo tables across checks
}

// Open opens the registry at root, which must be a directory. cat provides
// the rules findings are made of (nil: rules.Default()).
func Open(root string, cat *rules.Catalog) (*Store, error) {
	st, err := os.Stat(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no schema registry here (create one with `contractctl registry init`)", root)
	}
	if err != nil {
		return nil, fmt.Errorf("schema registry: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s: the schema registry root is not a directory", root)
	}
	if cat == nil {
		cat = rules.Default()
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("schema registry: %w", err)
	}
	return &Store{root: root, absRoot: abs, boundary: confine.Resolve(abs), catalog: cat, dirLocks: map[string]*sync.Mutex{}, depCache: map[string]depsEntry{}, avro: avro.NewChecker()}, nil
}

// Init creates the registry root and its registry.yaml with the global
// level, plus a .gitignore for the lock files and the temporary files of
// interrupted writes. An existing registry.yaml is left untouched and
// created is false.
func Init(root string, level compat.Level) (created bool, err error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return false, fmt.Errorf("%s: cannot create the registry: %w", root, err)
	}
	cfg := filepath.Join(root, registryFile)
	if _, err := os.Stat(cfg); err == nil {
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("%s: %w", cfg, err)
	}
	gi := filepath.Join(root, ".gitignore")
	if _, err := os.Stat(gi); errors.Is(err, fs.ErrNotExist) {
		if err := atomicfile.Write(gi, []byte("# contractctl registry: lock files, and temporary files of interrupted writes\n"+lockFile+"\n"+debrisPattern+"\n"), 0o644); err != nil {
			return false, err
		}
	}
	data := fmt.Sprintf("# contractctl schema registry: the global compatibility level\n# (NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE)\ncompatibility: %s\n", level)
	if err := atomicfile.Write(cfg, []byte(data), 0o644); err != nil {
		return false, err
	}
	return true, nil
}

// Root is the registry's root directory as given to Open.
func (s *Store) Root() string { return s.root }

func (s *Store) lockTimeout() time.Duration {
	if s.LockTimeout > 0 {
		return s.LockTimeout
	}
	return DefaultLockTimeout
}

// name is the slash-separated name of a file in errors and findings.
func name(path string) string { return filepath.ToSlash(path) }

// Global reads registry.yaml (defaults when it does not exist).
func (s *Store) Global() (GlobalConfig, error) {
	p := filepath.Join(s.root, registryFile)
	g, err := s.globals.get(p, func(data []byte) (GlobalConfig, error) { return parseGlobalConfig(name(p), data) })
	if errors.Is(err, fs.ErrNotExist) {
		return GlobalConfig{level: DefaultLevel}, nil
	}
	return g, err
}

// Subject is one subject as found on disk.
type Subject struct {
	Name   string
	Dir    string // its directory
	Config SubjectConfig
	// Level is the effective level: the subject's own, else the global one.
	Level compat.Level
	// LevelSource says where Level comes from: "subject", "global" or "default".
	LevelSource string
	// Versions are the version files, in ascending version order.
	Versions []Version
	// Problems are files that do not follow the layout.
	Problems []Problem
	// Debris are temporary files left by interrupted writes; the next
	// write to the subject removes them.
	Debris []string
}

// Version is one version file of a subject.
type Version struct {
	Number int
	Path   string // the file
	// Deleted marks a soft-deleted version (subject.yaml's deleted list).
	Deleted bool
}

// Live are the versions that are not soft-deleted, ascending.
func (sub *Subject) Live() []Version {
	out := make([]Version, 0, len(sub.Versions))
	for _, v := range sub.Versions {
		if !v.Deleted {
			out = append(out, v)
		}
	}
	return out
}

// Problem is a file or directory that does not follow the layout.
type Problem struct {
	Path string
	Msg  string
	Err  error // the underlying error, when there is one
	// Warning marks a problem that is skipped, not fatal: a subject
	// directory without subject.yaml.
	Warning bool
}

// Cause is the problem as an error: the underlying one, positioned, when
// there is one.
func (p Problem) Cause() error {
	if p.Err != nil {
		return p.Err
	}
	return p
}

func (p Problem) Error() string {
	if p.Err != nil {
		return p.Err.Error()
	}
	return name(p.Path) + ": " + p.Msg
}

// Latest is the highest version, or nil.
func (sub *Subject) Latest() *Version {
	if len(sub.Versions) == 0 {
		return nil
	}
	return &sub.Versions[len(sub.Versions)-1]
}

// Version finds version n.
func (sub *Subject) Version(n int) (*Version, bool) {
	for i := range sub.Versions {
		if sub.Versions[i].Number == n {
			return &sub.Versions[i], true
		}
	}
	return nil, false
}

// SubjectNames lists the subject directories, sorted; directories whose
// names are not valid subjects are returned as problems.
func (s *Store) SubjectNames() ([]string, []Problem, error) {
	ents, err := os.ReadDir(s.root)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name(s.root), err)
	}
	var names []string
	var probs []Problem
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") || !isDir(filepath.Join(s.root, e.Name()), e) {
			continue
		}
		if err := ValidateSubject(e.Name()); err != nil {
			probs = append(probs, Problem{Path: filepath.Join(s.root, e.Name()), Msg: err.Error()})
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, probs, nil
}

// isDir reports whether a directory entry is a directory or a symlink to
// one (a symlinked subject is listed, then held to the boundary).
func isDir(path string, e fs.DirEntry) bool {
	if e.Type()&fs.ModeSymlink == 0 {
		return e.IsDir()
	}
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// Subject reads a subject's configuration and lists its versions. A
// subject without a directory is ErrNoSubject.
func (s *Store) Subject(subject string) (*Subject, error) {
	g, err := s.Global()
	if err != nil {
		return nil, err
	}
	return s.subject(subject, g)
}

func (s *Store) subject(subject string, g GlobalConfig) (*Subject, error) {
	if err := ValidateSubject(subject); err != nil {
		return nil, err
	}
	dir := filepath.Join(s.root, subject)
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) || err == nil && !st.IsDir() {
		return nil, fmt.Errorf("subject %q: %w in %s", subject, ErrNoSubject, name(s.root))
	}
	if err != nil {
		return nil, fmt.Errorf("subject %q: %w", subject, err)
	}
	if err := s.inside(dir); err != nil {
		return nil, fmt.Errorf("subject %q: %w", subject, err)
	}
	cfgPath := filepath.Join(dir, subjectFile)
	cfg, err := s.subjectConfigs.get(cfgPath, func(data []byte) (SubjectConfig, error) { return parseSubjectConfig(name(cfgPath), data) })
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: missing: every subject directory needs one (format: avro|protobuf|jsonschema): %w", name(cfgPath), errNoConfig)
	}
	if err != nil {
		return nil, err
	}
	sub := &Subject{Name: subject, Dir: dir, Config: cfg}
	switch lvl, own := cfg.OwnLevel(); {
	case own:
		sub.Level, sub.LevelSource = lvl, "subject"
	case g.Compatibility != "":
		sub.Level, sub.LevelSource = g.Level(), "global"
	default:
		sub.Level, sub.LevelSource = DefaultLevel, "default"
	}
	if err := s.listVersions(sub); err != nil {
		return nil, err
	}
	return sub, nil
}

func (s *Store) listVersions(sub *Subject) error {
	ents, err := os.ReadDir(sub.Dir)
	if err != nil {
		return fmt.Errorf("%s: %w", name(sub.Dir), err)
	}
	sub.Versions, sub.Problems, sub.Debris = nil, nil, nil
	for _, e := range ents {
		n := e.Name()
		p := filepath.Join(sub.Dir, n)
		if isDebris(n) && e.Type().IsRegular() {
			sub.Debris = append(sub.Debris, p)
			continue
		}
		if strings.HasPrefix(n, ".") || n == subjectFile {
			continue
		}
		num, f, ok := versionNumber(n)
		if e.Type()&fs.ModeSymlink != 0 {
			if err := s.inside(p); err != nil {
				sub.Problems = append(sub.Problems, Problem{Path: p, Msg: err.Error(), Err: err})
				continue
			}
		}
		switch {
		case e.IsDir():
			sub.Problems = append(sub.Problems, Problem{Path: p, Msg: "a directory inside a subject; want only subject.yaml and N" + sub.Config.Format.Ext() + " version files"})
		case !ok:
			sub.Problems = append(sub.Problems, Problem{Path: p, Msg: "not a version file: want N" + sub.Config.Format.Ext() + " (N = 1, 2, …)"})
		case f != sub.Config.Format:
			sub.Problems = append(sub.Problems, Problem{Path: p, Msg: fmt.Sprintf("a %s file in a %s subject: want %d%s", f, sub.Config.Format, num, sub.Config.Format.Ext())})
		default:
			sub.Versions = append(sub.Versions, Version{Number: num, Path: p, Deleted: slices.Contains(sub.Config.Deleted, num)})
		}
	}
	slices.SortFunc(sub.Versions, func(a, b Version) int { return a.Number - b.Number })
	return nil
}

// Subjects reads every subject; subject directories whose configuration
// cannot be read are returned as problems.
func (s *Store) Subjects() ([]*Subject, []Problem, error) {
	g, err := s.Global()
	if err != nil {
		return nil, nil, err
	}
	names, probs, err := s.SubjectNames()
	if err != nil {
		return nil, nil, err
	}
	read := make([]*Subject, len(names))
	errs := make([]error, len(names))
	each(len(names), func(i int) { read[i], errs[i] = s.subject(names[i], g) })
	var subs []*Subject
	for i, n := range names {
		if errors.Is(errs[i], errNoConfig) {
			p := filepath.Join(s.root, n)
			probs = append(probs, Problem{Path: p, Warning: true, Msg: "no " + subjectFile + ": skipped (an interrupted `registry add`, or not a subject); give it a subject.yaml (format: avro|protobuf|jsonschema) or remove it"})
			continue
		}
		if errs[i] != nil {
			probs = append(probs, Problem{Path: filepath.Join(s.root, n), Msg: errs[i].Error(), Err: errs[i]})
			continue
		}
		subs = append(subs, read[i])
	}
	return subs, probs, nil
}

// Show returns a version's file and content: version 0 (or -1) is the
// latest.
func (s *Store) Show(subject string, version int) (*Subject, Version, []byte, error) {
	sub, err := s.Subject(subject)
	if err != nil {
		return nil, Version{}, nil, err
	}
	var v *Version
	if version <= 0 {
		if v = sub.Latest(); v == nil {
			return nil, Version{}, nil, fmt.Errorf("subject %q has no versions", subject)
		}
	} else if v, _ = sub.Version(version); v == nil {
		return nil, Version{}, nil, fmt.Errorf("subject %q has no version %d (versions: %s)", subject, version, versionList(sub.Versions))
	}
	data, err := os.ReadFile(v.Path)
	if err != nil {
		return nil, Version{}, nil, fmt.Errorf("%s: %w", name(v.Path), err)
	}
	// A registered version that no longer parses is reported, not printed
	// as if it were a schema.
	if _, err := s.parseFile(sub, v.Path); err != nil {
		return nil, Version{}, nil, err
	}
	return sub, *v, data, nil
}

func versionList(vs []Version) string {
	if len(vs) == 0 {
		return "none"
	}
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = strconv.Itoa(v.Number)
	}
	return strings.Join(s, ", ")
}
