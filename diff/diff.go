// Package diff compares contracts of the working tree with the same files
// at a base revision (or two files with each other) and reports breaking
// changes. It pairs the files (added, deleted and renamed ones included),
// parses each side once with its own loader — the base through git, so
// relative $refs of the base resolve inside the base revision — and
// hands each pair to its format's contract.Differ, looked up by kind; the
// .proto files of both sides are compared as two compile sets
// (diff/protobuf). It knows nothing about output.
package diff

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	asyncapidiff "github.com/contractctl/contractctl/diff/asyncapi"
	openapidiff "github.com/contractctl/contractctl/diff/openapi"
	protobufdiff "github.com/contractctl/contractctl/diff/protobuf"
	"github.com/contractctl/contractctl/finding"
	"github.com/contractctl/contractctl/internal/contract"
	"github.com/contractctl/contractctl/internal/gitrev"
	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/parallel"
	"github.com/contractctl/contractctl/rules"
)

// Options is one diff run.
type Options struct {
	contract.Options
	// Head loads the working tree (root-relative names).
	Head *load.Loader
	// AllowRemote is copied to the base loader.
	AllowRemote bool
}

// Git locates the base of a git run.
type Git struct {
	Repo *gitrev.Repo
	// Base is the revision to compare with (a name or a commit ID).
	Base string
	// InScope reports whether a root-relative name belongs to the
	// contracts being compared (it decides which files deleted since the
	// base are reported); nil means every file.
	InScope func(name string) bool
}

// pair is one contract to compare: head name ("" when deleted) and base
// name ("" when added).
type pair struct {
	head, base string
	explicit   bool
}

// Base is a base revision opened once per run: a reader over it, its file
// list and a loader that parses each of its files once, shared by every job
// that reads the base (diff, lint of the base for --new-only, registry).
type Base struct {
	Commit string
	Files  []string
	Reader *gitrev.Reader
	Loader *load.Loader
}

// OpenBase opens rev of repo; Close releases it.
func OpenBase(repo *gitrev.Repo, rev string, allowRemote bool) (*Base, error) {
	rd, err := repo.Reader(rev)
	if err != nil {
		return nil, err
	}
	files, err := repo.ListFiles(rd.Commit())
	if err != nil {
		rd.Close()
		return nil, err
	}
	l := load.NewLoader(rd, "")
	l.AllowRemote = allowRemote
	return &Base{Commit: rd.Commit(), Files: files, Reader: rd, Loader: l}, nil
}

// Close stops the reader.
func (b *Base) Close() error { return b.Reader.Close() }

// Run compares the candidate files of the working tree with the same
// files at g.Base. Findings carry root-relative names.
func Run(opt Options, g Git, files []load.Candidate) ([]finding.Finding, error) {
	base, err := OpenBase(g.Repo, g.Base, opt.AllowRemote)
	if err != nil {
		return nil, err
	}
	defer base.Close()
	return Compare(opt, g, base, files)
}

// Compare is Run over an already opened base.
func Compare(opt Options, g Git, base *Base, files []load.Candidate) ([]finding.Finding, error) {
	renames, err := g.Repo.Renames(base.Commit)
	if err != nil {
		return nil, err
	}
	inBase := map[string]bool{}
	for _, f := range base.Files {
		inBase[f] = true
	}
	var pairs []pair
	covered := map[string]bool{}
	for _, c := range files {
		p := pair{head: c.Path, explicit: c.Explicit}
		old := c.Path
		if o, ok := renames[c.Path]; ok {
			old = o
		}
		if inBase[old] {
			p.base = old
		}
		covered[old] = true
		covered[c.Path] = true
		pairs = append(pairs, p)
	}
	renamedFrom := map[string]bool{}
	for _, old := range renames {
		renamedFrom[old] = true
	}
	for _, f := range base.Files {
		if covered[f] || renamedFrom[f] || !load.IsContractExt(f) || (g.InScope != nil && !g.InScope(f)) {
			continue
		}
		if _, err := opt.Head.Load(f); err == nil {
			continue // present in the working tree but not a candidate
		} else if !notExist(err) {
			continue
		}
		pairs = append(pairs, pair{base: f})
	}
	return compareAll(opt, base.Loader, pairs)
}

// compareAll compares the YAML and JSON contracts pair by pair, and the
// .proto files of both sides as two trees (imports link them, so buf's
// rules compare compile sets, not single files).
func compareAll(opt Options, baseLoader *load.Loader, pairs []pair) ([]finding.Finding, error) {
	var headProtos, baseProtos []string
	others := pairs[:0:0]
	for _, p := range pairs {
		if !isProto(p.head) && !isProto(p.base) {
			others = append(others, p)
			continue
		}
		if p.head != "" {
			headProtos = append(headProtos, p.head)
		}
		if p.base != "" {
			baseProtos = append(baseProtos, p.base)
		}
	}
	fs, err := compare(opt, baseLoader, others)
	if err != nil || (len(headProtos) == 0 && len(baseProtos) == 0) {
		return fs, err
	}
	pfs, err := protobufdiff.Breaking(opt.Options,
		protobufdiff.Input{Reader: baseLoader.Reader(), Files: baseProtos},
		protobufdiff.Input{Reader: opt.Head.Reader(), Files: headProtos})
	if err != nil {
		return nil, err
	}
	return finding.Sort(append(fs, opt.Config.Apply(pfs, opt.Catalog, opt.Today)...)), nil
}

func isProto(name string) bool { return load.KindOfName(name) == load.Protobuf }

// Trees compares two directory trees of Protobuf files without git, like
// `buf breaking HEAD_DIR --against BASE_DIR`; the head tree's buf.yaml
// applies. Findings name files relative to their tree.
func Trees(opt Options, baseDir, headDir string) ([]finding.Finding, error) {
	baseFiles, err := protoFiles(baseDir)
	if err != nil {
		return nil, err
	}
	headFiles, err := protoFiles(headDir)
	if err != nil {
		return nil, err
	}
	fs, err := protobufdiff.Breaking(opt.Options,
		protobufdiff.Input{Reader: load.Dir(baseDir), Files: baseFiles},
		protobufdiff.Input{Reader: load.Dir(headDir), Files: headFiles})
	if err != nil {
		return nil, inTree(err, baseDir, headDir)
	}
	return opt.Config.Apply(fs, opt.Catalog, opt.Today), nil
}

// inTree names the files of compile errors by the tree they are in.
func inTree(err error, baseDir, headDir string) error {
	var se *protobufdiff.SideError
	var ce *load.Errors
	if !errors.As(err, &se) || !errors.As(err, &ce) {
		return err
	}
	dir := baseDir
	if se.Head {
		dir = headDir
	}
	return ce.Renamed(func(name string) string {
		return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(name)))
	})
}

// protoFiles lists the .proto files below dir, slash-separated and
// relative to it, skipping what Discover skips.
func protoFiles(dir string) ([]string, error) {
	cands, err := load.Discover([]string{dir})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range cands {
		if !isProto(c.Path) {
			continue
		}
		rel, err := filepath.Rel(dir, filepath.FromSlash(c.Path))
		if err != nil {
			return nil, err
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, nil
}

func notExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist)
}

// Files compares two files without git: baseName and headName are
// root-relative names read through opt.Head's reader, each side with its
// own loader so that their $refs resolve next to each file.
func Files(opt Options, base *load.Loader, baseName, headName string) ([]finding.Finding, error) {
	return compare(opt, base, []pair{{head: headName, base: baseName, explicit: true}})
}

func compare(opt Options, base *load.Loader, pairs []pair) ([]finding.Finding, error) {
	all, err := parallel.Concat(pairs, func(p pair) ([]finding.Finding, error) { return comparePair(opt, base, p) })
	if err != nil {
		return nil, err
	}
	// x-contractctl-ignore in the head document silences diff rules on an
	// object and everything under it, as it does for lint.
	all = load.DropInlineIgnored(opt.Head, all)
	return opt.Config.Apply(all, opt.Catalog, opt.Today), nil
}

// differs are the formats compared document by document, by kind.
// Protobuf files are compared as compile sets (compareAll).
var differs = map[load.Kind]contract.Differ{
	load.OpenAPI:  contract.DiffFunc(openapidiff.Diff),
	load.AsyncAPI: contract.DiffFunc(asyncapidiff.Diff),
}

func comparePair(opt Options, baseLoader *load.Loader, p pair) ([]finding.Finding, error) {
	if p.head == "" {
		bf, err := baseLoader.Load(p.base)
		if err != nil {
			// A deleted file that does not parse was not a contract we
			// could have compared; its deletion breaks nothing we know of.
			return nil, nil
		}
		if d, ok := differs[bf.Kind]; ok {
			return d.Diff(opt.Options, contract.Doc{File: bf, Loader: baseLoader}, contract.Doc{})
		}
		return nil, nil
	}
	hf, err := opt.Head.Load(p.head)
	if err != nil {
		if !p.explicit && opt.Head.NotAContract(p.head) {
			return nil, nil // not a contract, e.g. a Helm template
		}
		return nil, err
	}
	if hf.Kind == load.Unknown {
		if p.explicit {
			return nil, &load.Error{File: p.head, Msg: load.NotAContract}
		}
		return nil, nil
	}
	d, ok := differs[hf.Kind]
	if p.base == "" {
		if !ok {
			return nil, nil
		}
		r := opt.Catalog.MustLookup(rules.DiffContractAdded)
		return []finding.Finding{r.Finding(p.head, 0, 0, "", fmt.Sprintf("new %s contract", hf.Kind))}, nil
	}
	if p.base == p.head && load.Unchanged(baseLoader, opt.Head, p.head) {
		return nil, nil // most files of a pull request: nothing to compare
	}
	bf, err := baseLoader.Load(p.base)
	if err != nil {
		return nil, err
	}
	if bf.Kind != hf.Kind {
		return nil, &load.Error{File: p.head, Msg: fmt.Sprintf("contract kind changed from %s (%s at the base) to %s; compare them by hand", bf.Kind, p.base, hf.Kind)}
	}
	if ok {
		return d.Diff(opt.Options, contract.Doc{File: bf, Loader: baseLoader}, contract.Doc{File: hf, Loader: opt.Head})
	}
	// Only two named .proto files get here (git and tree runs compare
	// Protobuf as compile sets in compareAll).
	return nil, &load.Error{File: p.head, Msg: "Protobuf files are compared as trees: run `contractctl diff BASE_DIR HEAD_DIR`, or diff against a git base"}
}
