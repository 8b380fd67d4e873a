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
	"os"
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
// files at g.Base and returns the findings and the names of the contracts
// compared (deleted ones by their base name). A contract that does not
// parse or compile is a contract-invalid finding. Findings carry
// root-relative names.
func Run(opt Options, g Git, files []load.Candidate) ([]finding.Finding, []string, error) {
	base, err := OpenBase(g.Repo, g.Base, opt.AllowRemote)
	if err != nil {
		return nil, nil, err
	}
	defer base.Close()
	return Compare(opt, g, base, files)
}

// Compare is Run over an already opened base.
func Compare(opt Options, g Git, base *Base, files []load.Candidate) ([]finding.Finding, []string, error) {
	renames, err := g.Repo.Renames(base.Commit)
	if err != nil {
		return nil, nil, err
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
func compareAll(opt Options, baseLoader *load.Loader, pairs []pair) ([]finding.Finding, []string, error) {
	var headProtos, baseProtos, protos []string
	others := pairs[:0:0]
	for _, p := range pairs {
		if !isProto(p.head) && !isProto(p.base) {
			others = append(others, p)
			continue
		}
		protos = append(protos, p.name())
		if p.head != "" {
			headProtos = append(headProtos, p.head)
		}
		if p.base != "" {
			baseProtos = append(baseProtos, p.base)
		}
	}
	fs, checked, err := compare(opt, baseLoader, others)
	if err != nil || len(protos) == 0 {
		return fs, checked, err
	}
	pfs, err := protobufdiff.Breaking(opt.Options,
		protobufdiff.Input{Reader: baseLoader.Reader(), Files: baseProtos},
		protobufdiff.Input{Reader: opt.Head.Reader(), Files: headProtos})
	if invalid, ok := invalidSet(opt, err); ok {
		pfs, err = invalid, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return finding.Sort(append(fs, opt.Config.Apply(pfs, opt.Catalog, opt.Today)...)), append(checked, protos...), nil
}

// invalidSet turns the compile errors of a Protobuf set into
// contract-invalid findings.
func invalidSet(opt Options, err error) ([]finding.Finding, bool) {
	var ce *load.Errors
	if !errors.As(err, &ce) {
		return nil, false
	}
	return contract.Invalid(opt.Catalog, ce)
}

func isProto(name string) bool { return load.KindOfName(name) == load.Protobuf }

// Trees compares two directory trees of Protobuf files without git, like
// `buf breaking HEAD_DIR --against BASE_DIR`; the head tree's buf.yaml
// applies. Findings name files by their tree (headDir/…, baseDir/…).
// It returns the findings and the number of files compared.
func Trees(opt Options, baseDir, headDir string) ([]finding.Finding, int, error) {
	baseFiles, err := protoFiles(baseDir)
	if err != nil {
		return nil, 0, err
	}
	headFiles, err := protoFiles(headDir)
	if err != nil {
		return nil, 0, err
	}
	files := map[string]bool{}
	for _, f := range append(baseFiles, headFiles...) {
		files[f] = true
	}
	fs, err := protobufdiff.Breaking(opt.Options,
		protobufdiff.Input{Reader: load.Dir(baseDir), Files: baseFiles},
		protobufdiff.Input{Reader: load.Dir(headDir), Files: headFiles})
	if err != nil {
		err = inTree(err, baseDir, headDir)
		invalid, ok := invalidSet(opt, err)
		if !ok {
			return nil, 0, err
		}
		return opt.Config.Apply(invalid, opt.Catalog, opt.Today), len(files), nil
	}
	return opt.Config.Apply(treeNames(fs, baseDir, headDir), opt.Catalog, opt.Today), len(files), nil
}

// treeNames names the files of a tree-to-tree diff by their tree: head
// files under headDir, files deleted since the base under baseDir. Run
// from inside a tree, names stay relative to it.
func treeNames(fs []finding.Finding, baseDir, headDir string) []finding.Finding {
	for i := range fs {
		dir := headDir
		if _, err := os.Stat(filepath.Join(headDir, filepath.FromSlash(fs[i].File))); err != nil {
			dir = baseDir
		}
		fs[i].File = filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(fs[i].File)))
		if b := fs[i].Base; b != nil {
			b.File = filepath.ToSlash(filepath.Join(baseDir, filepath.FromSlash(b.File)))
		}
	}
	return finding.Sort(fs)
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
	fs, _, err := compare(opt, base, []pair{{head: headName, base: baseName, explicit: true}})
	return fs, err
}

// compared is one pair's findings; skipped pairs (not contracts) have none.
type compared struct {
	name     string
	findings []finding.Finding
}

func compare(opt Options, base *load.Loader, pairs []pair) ([]finding.Finding, []string, error) {
	results, err := parallel.Concat(pairs, func(p pair) ([]compared, error) {
		fs, ok, err := comparePair(opt, base, p)
		if err != nil || !ok {
			return nil, err
		}
		return []compared{{p.name(), fs}}, nil
	})
	if err != nil {
		return nil, nil, err
	}
	var all []finding.Finding
	var checked []string
	for _, r := range results {
		all = append(all, r.findings...)
		checked = append(checked, r.name)
	}
	// x-contractctl-ignore in the head document silences diff rules on an
	// object and everything under it, as it does for lint.
	all = load.DropInlineIgnored(opt.Head, all)
	return opt.Config.Apply(all, opt.Catalog, opt.Today), checked, nil
}

// name is the pair's file: the head's, or the base's for a deletion.
func (p pair) name() string {
	if p.head != "" {
		return p.head
	}
	return p.base
}

// differs are the formats compared document by document, by kind.
// Protobuf files are compared as compile sets (compareAll).
var differs = map[load.Kind]contract.Differ{
	load.OpenAPI:  contract.DiffFunc(openapidiff.Diff),
	load.AsyncAPI: contract.DiffFunc(asyncapidiff.Diff),
}

// comparePair compares one pair; compared is false when the pair holds no
// contract. A side that does not parse (or a $ref it reaches) is a
// contract-invalid finding.
func comparePair(opt Options, baseLoader *load.Loader, p pair) (fs []finding.Finding, compared bool, err error) {
	invalid := func(err error) ([]finding.Finding, bool, error) {
		if fs, ok := contract.Invalid(opt.Catalog, err); ok {
			return fs, true, nil
		}
		return nil, true, err
	}
	if p.head == "" {
		bf, err := baseLoader.Load(p.base)
		if err != nil {
			// A deleted file that does not parse was not a contract we
			// could have compared; its deletion breaks nothing we know of.
			return nil, false, nil
		}
		d, ok := differs[bf.Kind]
		if !ok {
			return nil, false, nil
		}
		if fs, err = d.Diff(opt.Options, contract.Doc{File: bf, Loader: baseLoader}, contract.Doc{}); err != nil {
			return invalid(err)
		}
		return fs, true, nil
	}
	hf, err := opt.Head.Load(p.head)
	if err != nil {
		if !p.explicit && opt.Head.NotAContract(p.head) {
			return nil, false, nil // not a contract, e.g. a Helm template
		}
		return invalid(err)
	}
	if hf.Kind == load.Unknown {
		if p.explicit {
			return nil, false, &load.Error{File: p.head, Msg: load.NotAContract}
		}
		return nil, false, nil
	}
	d, ok := differs[hf.Kind]
	if p.base == "" {
		if !ok {
			return nil, false, nil
		}
		r := opt.Catalog.MustLookup(rules.DiffContractAdded)
		return []finding.Finding{r.Finding(p.head, 0, 0, "", fmt.Sprintf("new %s contract", hf.Kind))}, true, nil
	}
	if p.base == p.head && load.Unchanged(baseLoader, opt.Head, p.head) {
		return nil, true, nil // most files of a pull request: nothing to compare
	}
	bf, err := baseLoader.Load(p.base)
	if err != nil {
		return invalid(err)
	}
	if bf.Kind != hf.Kind {
		return nil, false, &load.Error{File: p.head, Msg: fmt.Sprintf("contract kind changed from %s (%s at the base) to %s; compare them by hand", bf.Kind, p.base, hf.Kind)}
	}
	if !ok {
		// Only two named .proto files get here (git and tree runs compare
		// Protobuf as compile sets in compareAll).
		return nil, false, &load.Error{File: p.head, Msg: "Protobuf files are compared as trees: run `contractctl diff BASE_DIR HEAD_DIR`, or diff against a git base"}
	}
	if fs, err = d.Diff(opt.Options, contract.Doc{File: bf, Loader: baseLoader}, contract.Doc{File: hf, Loader: opt.Head}); err != nil {
		return invalid(err)
	}
	return fs, true, nil
}
