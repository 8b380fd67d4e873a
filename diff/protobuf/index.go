package protobuf

import (
	"sort"
	"strings"

	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/contractctl/contractctl/internal/protoset"
)

// index holds one revision's target files and their elements by
// fully-qualified name.
type index struct {
	files     map[string]*descriptorpb.FileDescriptorProto // by import-path-relative name
	paths     map[string]string                            // name → reader-relative path
	fileNames []string                                     // sorted
	msgs      map[string]msgRef
	enums     map[string]enumRef
	services  map[string]*descriptorpb.ServiceDescriptorProto
	serviceIn map[string]string // service → file name
	exts      map[string]string // extension full name → file name
	// extByKey holds every extension by extendee and number (buf pairs
	// extensions so).
	extByKey map[extKey]fieldSide
	pkgs     *pkgIndex
}

// extKey identifies an extension by what it extends and its number.
type extKey struct {
	extendee string
	number   int32
}

type msgRef struct {
	file string
	fd   *descriptorpb.FileDescriptorProto
	msg  *descriptorpb.DescriptorProto
	feat protoset.Features // the message's resolved features
}

type enumRef struct {
	file string
	fd   *descriptorpb.FileDescriptorProto
	enum *descriptorpb.EnumDescriptorProto
	feat protoset.Features
}

func newIndex(protos map[string]*descriptorpb.FileDescriptorProto, targets map[string]string) *index {
	x := &index{files: map[string]*descriptorpb.FileDescriptorProto{}, paths: targets,
		msgs: map[string]msgRef{}, enums: map[string]enumRef{},
		services: map[string]*descriptorpb.ServiceDescriptorProto{}, serviceIn: map[string]string{},
		exts: map[string]string{}, extByKey: map[extKey]fieldSide{}, pkgs: newPkgIndex()}
	for name := range targets {
		fd := protos[name]
		if fd == nil {
			continue
		}
		x.files[name] = fd
		x.fileNames = append(x.fileNames, name)
		x.pkgs.add(fd)
		pkg := fd.GetPackage()
		ff := protoset.FileFeatures(fd)
		addExt := func(scope string, ext *descriptorpb.FieldDescriptorProto, feat protoset.Features) {
			full := join(scope, ext.GetName())
			x.exts[full] = name
			x.extByKey[extKey{ext.GetExtendee(), ext.GetNumber()}] = fieldSide{fd: fd, f: ext, full: full,
				feat: feat.With(ext.GetOptions().GetFeatures())}
		}
		var walk func(scope string, ms []*descriptorpb.DescriptorProto, parent protoset.Features)
		walk = func(scope string, ms []*descriptorpb.DescriptorProto, parent protoset.Features) {
			for _, m := range ms {
				full := join(scope, m.GetName())
				mf := parent.With(m.GetOptions().GetFeatures())
				x.msgs[full] = msgRef{name, fd, m, mf}
				for _, e := range m.EnumType {
					x.enums[join(full, e.GetName())] = enumRef{name, fd, e, mf.With(e.GetOptions().GetFeatures())}
				}
				for _, ext := range m.Extension {
					addExt(full, ext, mf)
				}
				walk(full, m.NestedType, mf)
			}
		}
		walk(pkg, fd.MessageType, ff)
		for _, e := range fd.EnumType {
			x.enums[join(pkg, e.GetName())] = enumRef{name, fd, e, ff.With(e.GetOptions().GetFeatures())}
		}
		for _, s := range fd.Service {
			x.services[join(pkg, s.GetName())] = s
			x.serviceIn[join(pkg, s.GetName())] = name
		}
		for _, ext := range fd.Extension {
			addExt(pkg, ext, ff)
		}
	}
	sort.Strings(x.fileNames)
	return x
}

// pkgIndex records, per package, the names of its top-level and nested
// elements (for PACKAGE_* deletion rules).
type pkgIndex struct {
	pkgs     map[string]bool
	msgs     map[string]bool
	enums    map[string]bool
	services map[string]bool
	exts     map[string]bool
}

func newPkgIndex() *pkgIndex {
	return &pkgIndex{pkgs: map[string]bool{}, msgs: map[string]bool{}, enums: map[string]bool{},
		services: map[string]bool{}, exts: map[string]bool{}}
}

func (p *pkgIndex) add(fd *descriptorpb.FileDescriptorProto) {
	pkg := fd.GetPackage()
	p.pkgs[pkg] = true
	var walk func(scope string, ms []*descriptorpb.DescriptorProto)
	walk = func(scope string, ms []*descriptorpb.DescriptorProto) {
		for _, m := range ms {
			full := join(scope, m.GetName())
			p.msgs[full] = true
			for _, e := range m.EnumType {
				p.enums[join(full, e.GetName())] = true
			}
			for _, x := range m.Extension {
				p.exts[join(full, x.GetName())] = true
			}
			walk(full, m.NestedType)
		}
	}
	walk(pkg, fd.MessageType)
	for _, e := range fd.EnumType {
		p.enums[join(pkg, e.GetName())] = true
	}
	for _, s := range fd.Service {
		p.services[join(pkg, s.GetName())] = true
	}
	for _, x := range fd.Extension {
		p.exts[join(pkg, x.GetName())] = true
	}
}

func join(scope, name string) string {
	if scope == "" {
		return name
	}
	return scope + "." + name
}

// enumsOf maps every enum of protos to its descriptor by full name.
func enumsOf(protos map[string]*descriptorpb.FileDescriptorProto) map[string]*descriptorpb.EnumDescriptorProto {
	out := map[string]*descriptorpb.EnumDescriptorProto{}
	var walk func(scope string, ms []*descriptorpb.DescriptorProto)
	walk = func(scope string, ms []*descriptorpb.DescriptorProto) {
		for _, m := range ms {
			full := join(scope, m.GetName())
			for _, e := range m.EnumType {
				out[join(full, e.GetName())] = e
			}
			walk(full, m.NestedType)
		}
	}
	for _, fd := range protos {
		for _, e := range fd.EnumType {
			out[join(fd.GetPackage(), e.GetName())] = e
		}
		walk(fd.GetPackage(), fd.MessageType)
	}
	return out
}

// declIndex locates the head's messages: by file and nested name, and by
// full name across the package.
type declIndex struct {
	inFile map[string]map[string]protoset.Span // file name → name in package → span
	inPkg  map[string]declAt                   // full name → where
}

type declAt struct {
	path string // head reader-relative path
	span protoset.Span
}

func (d *declIndex) add(f *protoset.File) {
	fd := f.Proto
	pkg := fd.GetPackage()
	own := map[string]protoset.Span{}
	d.inFile[f.Name] = own
	var walk func(scope string, ms []*descriptorpb.DescriptorProto, at []int32, tag int32)
	walk = func(scope string, ms []*descriptorpb.DescriptorProto, at []int32, tag int32) {
		for i, m := range ms {
			full := join(scope, m.GetName())
			mp := protoset.With(at, tag, int32(i))
			sp := f.Locs.Span(mp...)
			own[strings.TrimPrefix(full, pkg+".")] = sp
			d.inPkg[full] = declAt{f.Path, sp}
			walk(full, m.NestedType, mp, protoset.TagMsgNested)
		}
	}
	walk(pkg, fd.MessageType, nil, protoset.TagFileMessage)
}
