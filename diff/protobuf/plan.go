package protobuf

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"path"
	"slices"

	"github.com/contractctl/contractctl/internal/load"
	"github.com/contractctl/contractctl/internal/protoset"
	"github.com/contractctl/contractctl/rules"
)

// A file whose bytes are the same in base and head, and whose transitive
// imports are too, compiles to the same descriptor on both sides, so no
// breaking rule can fire in it (elements are unique by name, so nothing
// can have moved into or out of it either). Such files are compiled once,
// on the base side and only when a changed file imports them, and never
// compared: a pull request touching one package compiles that package and
// what it imports, not the whole tree.

// side is one revision's files by import-path-relative name.
type side struct {
	reader load.Reader
	roots  []string
	names  map[string]string // target name → reader-relative path
	hash   map[string][32]byte
	deps   map[string][]string
	absent map[string]bool // not readable under any root (standard imports)
}

func newSide(r load.Reader, s *protoset.Setup) (*side, error) {
	sd := &side{reader: r, roots: s.ImportPaths(), names: map[string]string{}, hash: map[string][32]byte{},
		deps: map[string][]string{}, absent: map[string]bool{}}
	for _, p := range s.Files {
		name, err := s.NameOf(p)
		if err != nil {
			return nil, err
		}
		sd.names[name] = p
	}
	return sd, nil
}

// load reads name once (target or import) and records its hash and imports.
func (sd *side) load(name string) error {
	if _, ok := sd.hash[name]; ok || sd.absent[name] {
		return nil
	}
	var data []byte
	var err error
	if p, ok := sd.names[name]; ok {
		data, err = sd.reader.ReadFile(p)
	} else {
		err = fs.ErrNotExist
		for _, r := range sd.roots {
			if data, err = sd.reader.ReadFile(path.Join(r, name)); err == nil || !errors.Is(err, fs.ErrNotExist) {
				break
			}
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		sd.absent[name] = true
		return nil
	}
	if err != nil {
		return err
	}
	sd.hash[name] = sha256.Sum256(data)
	return nil
}

// imports scans name's imports (only asked for files whose bytes match on
// both sides).
func (sd *side) imports(name string) ([]string, error) {
	if d, ok := sd.deps[name]; ok {
		return d, nil
	}
	var data []byte
	var err error
	if p, ok := sd.names[name]; ok {
		data, err = sd.reader.ReadFile(p)
	} else {
		for _, r := range sd.roots {
			if data, err = sd.reader.ReadFile(path.Join(r, name)); err == nil {
				break
			}
		}
	}
	if err != nil {
		return nil, err
	}
	sd.deps[name] = protoset.ScanImports(data)
	return sd.deps[name], nil
}

// unchanged returns the target names whose file and transitive imports are
// byte-identical in base and head.
func unchanged(base, head *side) (map[string]bool, error) {
	memo := map[string]bool{}
	visiting := map[string]bool{}
	var same func(name string) (bool, error)
	same = func(name string) (bool, error) {
		if v, ok := memo[name]; ok {
			return v, nil
		}
		if visiting[name] {
			return false, nil // an import cycle: the compiler will report it
		}
		visiting[name] = true
		defer delete(visiting, name)
		if err := base.load(name); err != nil {
			return false, err
		}
		if err := head.load(name); err != nil {
			return false, err
		}
		ok := base.absent[name] == head.absent[name] && base.hash[name] == head.hash[name]
		if ok && !head.absent[name] {
			deps, err := head.imports(name)
			if err != nil {
				return false, err
			}
			for _, d := range deps {
				s, err := same(d)
				if err != nil {
					return false, err
				}
				if !s {
					ok = false
					break
				}
			}
		}
		memo[name] = ok
		return ok, nil
	}
	out := map[string]bool{}
	for name := range head.names {
		if _, inBase := base.names[name]; !inBase {
			continue
		}
		s, err := same(name)
		if err != nil {
			return nil, err
		}
		if s {
			out[name] = true
		}
	}
	return out, nil
}

// packageRules are the rules that need every head file's elements.
var packageRules = []string{rules.ProtoPackageNoDelete, rules.ProtoPackageMessageNoDelete, rules.ProtoPackageEnumNoDelete,
	rules.ProtoPackageServiceNoDelete, rules.ProtoPackageExtensionNoDelete}

func needsEveryFile(sels map[*protoset.Module]protoset.Selection) bool {
	for _, sel := range sels {
		if slices.ContainsFunc(packageRules, func(id string) bool { return sel[id] }) {
			return true
		}
	}
	return false
}
